import type { Page } from '@playwright/test';
import { VIEWPORTS, choose, expect, shoot, test } from './demo-fixtures.js';

const DEMO_ZONE = 'Demo zone (two-tank)';
const BAY = 'Bay 2';
const phase = (page: Page) => page.getByRole('article', { name: 'Phase 1' });

/** Types into a number field of the phase and leaves it, as its value is taken on blur. */
async function setField(page: Page, label: string, value: string): Promise<void> {
  const field = phase(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.blur();
}

/** Both layouts of the page that is open, for review. */
async function shootBoth(page: Page, name: string): Promise<void> {
  for (const [label, size] of VIEWPORTS) {
    await page.setViewportSize(size);
    await shoot(page, `${name}-${label}-en`);
  }
  await page.setViewportSize(VIEWPORTS[0][1]);
}

test.use({ viewport: { width: 1366, height: 768 } });

test('creates a recipe (problems first, then fixed and published), grows it in a zone and jumps with Ctrl+K', async ({
  page,
  context,
  demo,
}) => {
  test.setTimeout(120_000);
  await demo.signIn(context);
  // A second zone in the demo greenhouse, as the onboarding would add it.
  const zones = (await (await page.request.get('/api/zones')).json()) as {
    data: { greenhouse_id: number }[];
  };
  const created = await page.request.post('/api/zones', {
    data: { greenhouse_id: zones.data[0]!.greenhouse_id, name: BAY },
  });
  expect(created.status()).toBe(201);
  await page.goto('/recipes');
  await expect(page).toHaveTitle('Recipes · Hydro');
  // The demo seeds a published recipe that its zone is growing.
  await expect(page.getByRole('row').filter({ hasText: 'Demo lettuce' })).toContainText(
    'in 1 zone',
  );

  await page.getByRole('button', { name: 'New recipe' }).click();
  await page.getByLabel('Name').fill('Butterhead lettuce');
  await page.getByRole('button', { name: 'Create and edit' }).click();
  await expect(page).toHaveURL(/\/recipes\/\d+\?revision=\d+$|\/recipes\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Butterhead lettuce' })).toBeVisible();
  await expect(page.getByText('This revision has no phases yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish' })).toBeDisabled();

  // The grower gets a target outside its window and ratios that do not add up: both are shown
  // next to their fields before anything is sent, and the phase cannot be saved.
  await page.getByRole('button', { name: 'Add a phase' }).click();
  await phase(page).getByLabel('Phase name').fill('Seedling');
  await setField(page, 'pH target', '7');
  await setField(page, 'NPK base', '50');
  await setField(page, 'Days', '10');
  await expect(phase(page).getByText('Must lie within the window 5.5–6.2.')).toBeVisible();
  await expect(phase(page).getByRole('status')).toHaveText(
    'The four ratios sum to 110 %; they must make exactly 100 %.',
  );
  await expect(phase(page).getByRole('button', { name: 'Save phase' })).toBeDisabled();
  await expect(page.getByRole('img', { name: /pH and EC targets/ })).toBeVisible();
  await shootBoth(page, 'recipe-editor-problems');

  await setField(page, 'pH target', '5.9');
  await setField(page, 'NPK base', '40');
  await expect(phase(page).getByRole('status')).toHaveText('Sum: 100 % of 100 %');
  await expect(phase(page).getByText('Must lie within')).toHaveCount(0);
  await phase(page).getByRole('button', { name: 'Save phase' }).click();
  await expect(phase(page).getByText('Unsaved changes')).toHaveCount(0);

  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('No zone grows this recipe right now.')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Revision published.')).toBeVisible();
  await expect(
    page.getByText('This revision is published and can no longer change.'),
  ).toBeVisible();
  await expect(phase(page).getByLabel('pH target')).toBeDisabled();

  // The demo zone is still growing the demo recipe: the wizard says so and will not go on.
  await page.getByRole('button', { name: 'Start a grow cycle' }).click();
  const wizard = page.getByRole('dialog').filter({ hasText: 'Start a grow cycle' });
  await expect(wizard.getByText('Choose a zone.')).toBeVisible();
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeDisabled();
  await choose(page, 'Zone', DEMO_ZONE);
  await expect(wizard.getByText(/This zone already has a grow cycle \(Running\)/)).toBeVisible();
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeDisabled();
  await wizard.getByRole('button', { name: 'Cancel' }).click();

  // So it goes into a second zone of the demo greenhouse.
  await page.getByRole('button', { name: 'Start a grow cycle' }).click();
  await choose(page, 'Zone', BAY);
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard.getByText('Butterhead lettuce · revision 1')).toBeVisible();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard.getByRole('button', { name: 'Start the cycle' })).toBeEnabled();
  await shootBoth(page, 'cycle-start-wizard');
  await wizard.getByRole('button', { name: 'Start the cycle' }).click();
  await expect(page.getByText('The grow cycle started.')).toBeVisible();

  const cycles = page.getByRole('list', { name: 'Grow cycles on this recipe' });
  await expect(cycles).toContainText(BAY);
  await expect(cycles).toContainText('Running');
  await expect(cycles).toContainText('Phase 1 of 1: Seedling');
  await cycles.getByRole('button', { name: 'Pause' }).click();
  await expect(cycles).toContainText('Paused');
  await cycles.getByRole('button', { name: 'Resume' }).click();
  await expect(cycles).toContainText('Running');
  await expect(cycles.getByRole('button', { name: 'Next phase' })).toBeDisabled();

  // Editing the recipe now warns that a zone grows it.
  await page.getByRole('button', { name: 'New draft from this revision' }).click();
  await expect(page.getByText(`Used in 1 zone(s): ${BAY}.`)).toBeVisible();
  await expect(page.getByText('Revision 2 · Draft')).toBeVisible();
  await shootBoth(page, 'recipe-editor-in-use');

  // Aborting asks first, then ends the cycle.
  await cycles.getByRole('button', { name: 'Abort' }).click();
  await expect(page.getByText('This cannot be undone.')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Abort' }).click();
  await expect(cycles).toContainText('Aborted');
  await expect(page.getByText('Used in 1 zone(s)')).toHaveCount(0);

  await page.goto('/recipes');
  const row = page.getByRole('row').filter({ hasText: 'Butterhead lettuce' });
  await expect(row).toContainText('not in use');
  await expect(row).toContainText('Revision 1 · Published');
  await shootBoth(page, 'recipes-list');

  // Ctrl+K from anywhere: part of a name, arrows to choose, Enter to open.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('combobox', { name: 'Jump to a zone, node or recipe…' });
  await expect(palette).toBeFocused();
  await palette.fill('lettuce');
  await expect(page.getByRole('option')).toHaveCount(2);
  await palette.press('ArrowDown');
  await expect(page.getByRole('option', { name: /Demo lettuce/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await shootBoth(page, 'command-palette');
  await palette.press('Enter');
  await expect(page).toHaveURL(/\/recipes\/\d+/);
  await expect(page.getByRole('heading', { name: 'Demo lettuce' })).toBeVisible();
});
