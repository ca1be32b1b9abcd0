import { join } from 'node:path';
import {
  app,
  dialog,
  ipcMain,
  shell,
  type BrowserWindow,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { z } from 'zod';
import {
  AppVersionRequestSchema,
  BRIDGE_CHANNELS,
  OpenExternalRequestSchema,
  OpenFileRequestSchema,
  SaveFileRequestSchema,
  type BridgeErrorCode,
  type BridgeResult,
  type FileChoice,
} from './bridge-contract.js';
import { isSameOrigin, isVettedExternalLink } from './link-policy.js';

export interface IpcContext {
  /** The app window, if it exists and `contents` belongs to it. */
  windowOf(contents: WebContents): BrowserWindow | null;
  coreOrigin(): string | null;
}

class BridgeError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Registers the bridge's IPC handlers. Each one checks the sender (our window's top frame, showing
 * the core's origin: never a status page, an iframe or another window), validates its input with
 * zod and answers with a `BridgeResult`; errors reach the renderer as code + message, never a
 * stack (style-anchors.md §12).
 */
export function registerBridgeHandlers(context: IpcContext): void {
  const handle = <S extends z.ZodType, T>(
    channel: string,
    schema: S,
    run: (input: z.output<S>, window: BrowserWindow) => Promise<T>,
  ) => {
    ipcMain.handle(channel, async (event, raw: unknown): Promise<BridgeResult<T>> => {
      const window = trustedWindow(event, context);
      if (window === null)
        return failure('forbidden_sender', 'This page may not use the desktop bridge.');
      const input = schema.safeParse(raw);
      if (!input.success) return failure('invalid_input', z.prettifyError(input.error));
      try {
        return { status: 'ok', data: await run(input.data, window) };
      } catch (error) {
        if (error instanceof BridgeError) return failure(error.code, error.message);
        console.error(`hydro: ${channel} failed:`, error);
        return failure('internal', 'The desktop app could not complete this request.');
      }
    });
  };

  handle(BRIDGE_CHANNELS.appVersion, AppVersionRequestSchema, () =>
    Promise.resolve(app.getVersion()),
  );
  handle(BRIDGE_CHANNELS.openExternal, OpenExternalRequestSchema, async ({ url }) => {
    if (!isVettedExternalLink(url)) {
      throw new BridgeError('link_not_allowed', 'Only https links to vetted sites can be opened.');
    }
    await shell.openExternal(url);
    return null;
  });
  handle(
    BRIDGE_CHANNELS.saveFile,
    SaveFileRequestSchema,
    async (request, window): Promise<FileChoice> => {
      const result = await dialog.showSaveDialog(window, {
        title: request.title,
        defaultPath: join(app.getPath('documents'), request.defaultName),
        filters: request.filters,
      });
      return { path: result.canceled || !result.filePath ? null : result.filePath };
    },
  );
  handle(
    BRIDGE_CHANNELS.openFile,
    OpenFileRequestSchema,
    async (request, window): Promise<FileChoice> => {
      const result = await dialog.showOpenDialog(window, {
        title: request.title,
        filters: request.filters,
        properties: ['openFile'],
      });
      return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
    },
  );
}

function trustedWindow(event: IpcMainInvokeEvent, context: IpcContext): BrowserWindow | null {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return null;
  if (!isSameOrigin(frame.url, context.coreOrigin())) return null;
  return context.windowOf(event.sender);
}

function failure(code: BridgeErrorCode, message: string): BridgeResult<never> {
  return { status: 'error', code, message };
}
