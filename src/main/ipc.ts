import { z } from 'zod';

/**
 * The few requests a window makes of main itself (everything else goes to the engine over its
 * port): native dialogs, the recent files, saving a text the user asked to download, where a
 * pack export goes. Each one is
 * answered only for a frame of our own (app://cxb), with its payload checked before anything runs.
 * A window never names a path to write: main asks the user where.
 */
const purpose = z.enum(['engagement', 'import']);

export const APP_REQUESTS = {
  'app:choose-file': z.object({ purpose }).strict(),
  'app:choose-new-engagement': z.object({ name: z.string().min(1).max(200) }).strict(),
  'app:save-text': z
    .object({
      defaultName: z.string().min(1).max(200),
      text: z.string().max(50_000_000),
    })
    .strict(),
  'app:choose-export-path': z
    .object({ format: z.enum(['pdf', 'pptx', 'xlsx']), defaultName: z.string().min(1).max(200) })
    .strict(),
  'app:recent': z.object({}).strict(),
  'app:remember': z.object({ path: z.string().min(1).max(4096) }).strict(),
} as const;

export type AppChannel = keyof typeof APP_REQUESTS;
export const APP_CHANNELS = Object.keys(APP_REQUESTS) as AppChannel[];

export type AppHandlers = {
  [C in AppChannel]: (request: z.output<(typeof APP_REQUESTS)[C]>) => Promise<unknown> | unknown;
};

export type AppResult =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame: { url: string } | null }, payload: unknown) => Promise<AppResult>,
  ): void;
}

/** Registers every app channel behind the sender check and the schema. */
export function handleAppRequests(
  ipcMain: IpcMainLike,
  handlers: AppHandlers,
  isTrustedSender: (url: string) => boolean,
): void {
  for (const channel of APP_CHANNELS) {
    ipcMain.handle(channel, async (event, payload) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSender(url))
        return { ok: false, error: { code: 'bad-request', message: 'This window may not ask for that.' } };
      const parsed = APP_REQUESTS[channel].safeParse(payload ?? {});
      if (!parsed.success)
        return { ok: false, error: { code: 'bad-request', message: `Invalid request for ${channel}.` } };
      try {
        const handler = handlers[channel] as (request: unknown) => unknown;
        return { ok: true, value: (await handler(parsed.data)) ?? null };
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: (error as Error).message } };
      }
    });
  }
}
