import access from './access.en.js';
import automation, { automationErrors } from './automation.en.js';
import controller from './controller.en.js';
import data from './data.en.js';
import devices from './devices.en.js';
import grow, { growErrors } from './grow.en.js';
import workspace from './workspace.en.js';
import onboarding from './onboarding.en.js';
import setup from './setup.en.js';
import zones from './zones.en.js';
import zoneSettings from './zone-settings.en.js';

const en = {
  app: {
    name: 'Hydro',
    subtitle: 'Greenhouse controller',
  },
  nav: {
    label: 'Main navigation',
    open: 'Open navigation',
    growing: 'Growing',
    controller: 'Controller',
  },
  pages: {
    dashboard: {
      title: 'Dashboard',
      summary: 'Key readings, running cycles and open alerts across every zone at a glance.',
    },
    zones: {
      title: 'Zones',
      summary: 'Live state of each growing zone: pH, EC, water, climate and light, with controls.',
    },
    nodes: {
      title: 'Nodes',
      summary: 'ESP32 nodes on the farm network: status, channels, firmware and setup.',
    },
    recipes: {
      title: 'Recipes',
      summary: 'Growing recipes with phases and targets, and the grow cycles that run them.',
    },
    alerts: {
      title: 'Alerts',
      summary: 'Active and past alerts: filter them, resolve one or many; new ones appear live.',
    },
    history: {
      title: 'History',
      summary: 'Charts of sensor readings over hours, days and months.',
    },
    settings: {
      title: 'Settings',
      summary: 'Farm, notification, backup and data-retention settings.',
    },
    system: {
      title: 'System',
      summary: 'State of the services inside this controller, updated live.',
    },
    notFound: {
      title: 'Page not found',
      summary: 'There is no page at {path}.',
    },
  },
  upcoming: {
    title: 'Arrives with a later release',
    body: 'This page is not in this version of Hydro yet. Nothing here is simulated: when it arrives, it will show the real state of your farm.',
    openSystem: 'Check system health',
  },
  notFound: {
    back: 'Go to the dashboard',
  },
  connection: {
    label: 'Live connection to the controller',
    connecting: 'Connecting…',
    connected: 'Live',
    reconnecting: 'Reconnecting · attempt {attempt}',
    connectingHint: 'Opening the live connection to the controller.',
    connectedHint: 'Live updates from the controller are arriving.',
    reconnectingHint:
      'The live connection to the controller was lost; next try in {seconds} s. Values on screen may be out of date.',
  },
  theme: {
    toLight: 'Switch to the light theme',
    toDark: 'Switch to the dark theme',
  },
  language: {
    label: 'Interface language',
  },
  principal: {
    desktop: 'Signed in on this computer',
    token: 'Signed in with an API token',
    session: 'Signed in with your account',
  },
  roles: {
    admin: 'Administrator',
    agronomist: 'Agronomist',
    engineer: 'Engineer',
    operator: 'Operator',
    viewer: 'Viewer',
  },
  overallState: {
    starting: 'Starting',
    ok: 'All systems normal',
    degraded: 'Degraded',
    failed: 'Failed',
    stopping: 'Stopping',
  },
  componentState: {
    stopped: 'Stopped',
    starting: 'Starting',
    healthy: 'Healthy',
    degraded: 'Degraded',
    failed: 'Failed',
  },
  componentName: {
    backups: 'Backups',
    retention: 'Data retention',
    database: 'Database',
    broker: 'Node broker (MQTT)',
    'mqtt-bus': 'Core link to the broker',
    devices: 'Nodes and ingest',
    http: 'Web server and API',
    access: 'Users and sign-in',
    events: 'Event log',
    alerts: 'Alerts',
    notifications: 'Notifications',
    'telemetry-queue': 'Telemetry write queue',
    cycles: 'Grow cycles',
  },
  system: {
    noConnection: 'No connection',
    unreachable: 'Not reachable',
    controller: 'Controller',
    version: 'Version',
    uptime: 'Uptime',
    startedAt: 'Started',
    components: 'Components',
    healthyCount: '{healthy} of {total} healthy',
    stateFor: '{state} for {duration}',
    sinceAt: 'In this state since {time}',
    metrics: 'Metrics',
    noDetail: 'No details reported',
    noComponents: 'The controller reports no components.',
    live: 'Updating live',
    paused: 'Connection lost. Showing the state as of {time}; it may have changed since.',
    loadFailed: 'Could not load the system state',
    retry: 'Retry',
  },
  duration: {
    days: '{n} d',
    hours: '{n} h',
    minutes: '{n} min',
    seconds: '{n} s',
  },
  errors: {
    network_error: 'The controller cannot be reached. Is Hydro running?',
    invalid_response: 'The controller sent a response this screen does not understand.',
    unauthenticated: 'You are not signed in, or your session has ended.',
    forbidden: 'Your role may not do this.',
    invalid_credentials: 'The email or password is incorrect.',
    too_many_requests: 'Too many attempts. Wait a minute and try again.',
    setup_complete: 'The administrator already exists. Sign in instead.',
    node_not_found: 'There is no such node.',
    node_not_bound: 'The node is not in a zone, so it takes no commands.',
    node_offline: 'The node is offline.',
    invalid_params: 'The node would reject these parameters.',
    validation_failed: 'Some fields are not valid.',
    backups_external: 'This controller stores its data in PostgreSQL; back it up with pg_dump.',
    origin_not_allowed: 'The request came from another site and was refused.',
    ...growErrors,
    ...automationErrors,
  },
  ...devices,
  ...data,
  ...access,
  ...grow,
  ...workspace,
  ...zones,
  ...zoneSettings,
  ...automation,
  ...onboarding,
  ...setup,
  ...controller,
  common: {
    yes: 'yes',
    no: 'no',
    cancel: 'Cancel',
    retry: 'Retry',
  },
};

export type MessageSchema = typeof en;
export default en;
