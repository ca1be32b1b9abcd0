import { z } from 'zod';

/**
 * The native bridge the preload exposes to the renderer as `window.hydroDesktop`
 * (architecture.md §3): nothing but the app version, opening a vetted link, and file dialogs for
 * backups and exports. Everything else goes through the core's HTTP/WS API.
 */
export const BRIDGE_GLOBAL = 'hydroDesktop';
export type BridgeGlobal = typeof BRIDGE_GLOBAL;

/** IPC channel per bridge method (`domain.verb`, style-anchors.md §11). */
export const BRIDGE_CHANNELS = {
  appVersion: 'app.version',
  openExternal: 'links.open',
  saveFile: 'dialogs.save',
  openFile: 'dialogs.open',
} as const;
export type BridgeChannels = typeof BRIDGE_CHANNELS;

const FileFilterSchema = z.strictObject({
  name: z.string().min(1).max(100),
  extensions: z
    .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/, 'an extension without the dot, or *'))
    .min(1)
    .max(16),
});

/** A bare file name: the renderer proposes a name, never a directory. */
const FileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine(
    (name) => !/[/\\:\0]/.test(name) && name !== '.' && name !== '..',
    'a file name without a path',
  );

export const AppVersionRequestSchema = z.undefined();

export const OpenExternalRequestSchema = z.strictObject({ url: z.string().min(1).max(2048) });
export type OpenExternalRequest = z.infer<typeof OpenExternalRequestSchema>;

export const SaveFileRequestSchema = z.strictObject({
  title: z.string().max(200).optional(),
  defaultName: FileNameSchema,
  filters: z.array(FileFilterSchema).max(16).optional(),
});
export type SaveFileRequest = z.infer<typeof SaveFileRequestSchema>;

export const OpenFileRequestSchema = z.strictObject({
  title: z.string().max(200).optional(),
  filters: z.array(FileFilterSchema).max(16).optional(),
});
export type OpenFileRequest = z.infer<typeof OpenFileRequestSchema>;

/** The chosen path, or null when the user cancelled. */
export interface FileChoice {
  path: string | null;
}

export type BridgeErrorCode =
  'forbidden_sender' | 'invalid_input' | 'link_not_allowed' | 'internal';

/**
 * Result of every bridge call, shaped like the core's API envelope. Errors come back as values
 * because contextBridge drops everything but the message of a thrown Error.
 */
export type BridgeResult<T> =
  { status: 'ok'; data: T } | { status: 'error'; code: BridgeErrorCode; message: string };

export interface HydroDesktopBridge {
  appVersion(): Promise<BridgeResult<string>>;
  /** Opens an https link to a vetted site in the user's browser. */
  openExternal(request: OpenExternalRequest): Promise<BridgeResult<null>>;
  saveFile(request: SaveFileRequest): Promise<BridgeResult<FileChoice>>;
  openFile(request: OpenFileRequest): Promise<BridgeResult<FileChoice>>;
}
