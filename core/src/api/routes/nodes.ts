import type { FastifyInstance } from 'fastify';
import { SendCommandRequestSchema, UpdateNodeRequestSchema } from '../../contracts/devices.js';
import type { DevicesService } from '../../devices/devices-service.js';
import { commandView, nodeView } from '../../devices/views.js';
import type { Storage } from '../../storage/storage.js';
import type { NodeRecord } from '../../storage/types.js';
import type { AuthSecrets } from '../auth.js';
import { sendError, sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requirePrincipal } from '../guards.js';

export interface NodeRouteDeps {
  secrets: AuthSecrets;
  devices: () => DevicesService;
  storage: () => Storage;
}

/** Nodes: list, detail, assign, detach, decommission (reference-backend-ui.md §2.5). */
export function registerNodeRoutes(api: FastifyInstance, deps: NodeRouteDeps): void {
  const view = async (node: NodeRecord) =>
    nodeView(node, await deps.storage().nodes.channels(node.id));

  api.get<{ Querystring: { unassigned?: string } }>('/api/nodes', (request, reply) =>
    handle(reply, async () => {
      requirePrincipal(request, reply, deps.secrets);
      const all = await deps.storage().nodes.list();
      const wanted =
        request.query.unassigned === 'true' ? all.filter((n) => n.zoneId === null) : all;
      return sendOk(reply, await Promise.all(wanted.map(view)));
    }),
  );

  api.get<{ Params: { id: string } }>('/api/nodes/:id', (request, reply) =>
    handle(reply, async () => {
      requirePrincipal(request, reply, deps.secrets);
      const found = await deps.storage().nodes.byId(parseId(reply, request.params.id));
      if (!found) return notFound(reply, request.params.id);
      const errors = await deps.storage().nodes.errors(found.id, 20);
      return sendOk(reply, { ...(await view(found)), config: found.config, recent_errors: errors });
    }),
  );

  api.patch<{ Params: { id: string } }>('/api/nodes/:id', (request, reply) =>
    handle(reply, async () => {
      requirePrincipal(request, reply, deps.secrets);
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, UpdateNodeRequestSchema, request.body);
      let current = await deps.storage().nodes.byId(id);
      if (!current) return notFound(reply, request.params.id);
      if (body.name !== undefined)
        current = await deps.devices().registry.save(current, { name: body.name });
      if (body.zone_id !== undefined)
        current = await deps.devices().provisioning.assign(id, body.zone_id);
      return sendOk(reply, await view(current));
    }),
  );

  api.post<{ Params: { id: string } }>('/api/nodes/:id/detach', (request, reply) =>
    handle(reply, async () => {
      requirePrincipal(request, reply, deps.secrets);
      return sendOk(
        reply,
        await view(await deps.devices().provisioning.detach(parseId(reply, request.params.id))),
      );
    }),
  );

  api.delete<{ Params: { id: string } }>('/api/nodes/:id', (request, reply) =>
    handle(reply, async () => {
      requirePrincipal(request, reply, deps.secrets);
      return sendOk(
        reply,
        await view(
          await deps.devices().provisioning.decommission(parseId(reply, request.params.id)),
        ),
      );
    }),
  );
}

/** Commands to a node and their status (reference-backend-ui.md §2.9). */
export function registerCommandRoutes(api: FastifyInstance, deps: NodeRouteDeps): void {
  api.post<{ Params: { id: string } }>('/api/nodes/:id/commands', (request, reply) =>
    handle(reply, async () => {
      const principal = requirePrincipal(request, reply, deps.secrets);
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, SendCommandRequestSchema, request.body);
      const result = await deps.devices().commands.send({
        nodeId: id,
        channel: body.channel,
        cmd: body.cmd,
        params: body.params,
        ...(body.cmd_id === undefined ? {} : { cmdId: body.cmd_id }),
        source: `api:${principal.name}`,
      });
      return reply.code(result.skipped ? 200 : 202).send({
        status: 'ok',
        data: { command: commandView(result.command), skipped: result.skipped },
      });
    }),
  );

  api.get<{ Params: { id: string }; Querystring: { limit?: string; before?: string } }>(
    '/api/nodes/:id/commands',
    (request, reply) =>
      handle(reply, async () => {
        requirePrincipal(request, reply, deps.secrets);
        const found = await deps.storage().nodes.byId(parseId(reply, request.params.id));
        if (!found) return notFound(reply, request.params.id);
        const limit = Math.min(Math.max(Number(request.query.limit ?? 50) || 50, 1), 100);
        const before =
          request.query.before === undefined ? undefined : Number(request.query.before);
        const rows = await deps.storage().commands.listForNode(found.id, limit, before);
        return sendOk(reply, rows.map(commandView));
      }),
  );

  api.get<{ Params: { cmdId: string } }>('/api/commands/:cmdId/status', (request, reply) =>
    handle(reply, async () => {
      requirePrincipal(request, reply, deps.secrets);
      const command = await deps.storage().commands.byCmdId(request.params.cmdId);
      if (!command)
        return sendError(reply, 404, {
          code: 'command_not_found',
          message: `No command ${request.params.cmdId}`,
        });
      return sendOk(reply, commandView(command));
    }),
  );
}

function notFound(reply: Parameters<typeof sendError>[0], id: string) {
  return sendError(reply, 404, { code: 'node_not_found', message: `No node ${id}` });
}
