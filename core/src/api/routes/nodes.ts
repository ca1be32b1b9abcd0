import type { FastifyInstance, FastifyReply } from 'fastify';
import { auditActor } from '../../access/audit.js';
import type { Principal } from '../../contracts/auth.js';
import { can } from '../../contracts/capabilities.js';
import { SendCommandRequestSchema, UpdateNodeRequestSchema } from '../../contracts/devices.js';
import type { DevicesService } from '../../devices/devices-service.js';
import { commandView, nodeView } from '../../devices/views.js';
import type { Storage } from '../../storage/storage.js';
import type { NodeRecord } from '../../storage/types.js';
import type { Clock } from '../../runtime/clock.js';
import type { AuthSecrets } from '../auth.js';
import { sendError, sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';

export interface NodeRouteDeps {
  secrets: AuthSecrets;
  devices: () => DevicesService;
  storage: () => Storage;
  clock: Clock;
}

/** Nodes not yet in a zone are visible only to roles that adopt devices (reference §4.7). */
const visible = (principal: Principal, node: NodeRecord) =>
  node.zoneId !== null || can(principal.role, 'devices.view_unassigned');

/** Nodes: list, detail, assign, detach, decommission (reference-backend-ui.md §2.5). */
export function registerNodeRoutes(api: FastifyInstance, deps: NodeRouteDeps): void {
  const view = async (node: NodeRecord) =>
    nodeView(node, await deps.storage().nodes.channels(node.id));
  const audit = auditNode(deps);

  api.get<{ Querystring: { unassigned?: string } }>('/api/nodes', (request, reply) =>
    handle(reply, async () => {
      const unassigned = request.query.unassigned === 'true';
      const principal = await requireCapability(
        request,
        reply,
        deps.secrets,
        unassigned ? 'devices.view_unassigned' : 'view',
      );
      const all = (await deps.storage().nodes.list()).filter((n) => visible(principal, n));
      const wanted = unassigned ? all.filter((n) => n.zoneId === null) : all;
      return sendOk(reply, await Promise.all(wanted.map(view)));
    }),
  );

  api.get<{ Params: { id: string } }>('/api/nodes/:id', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'view');
      const found = await deps.storage().nodes.byId(parseId(reply, request.params.id));
      if (!found) return notFound(reply, request.params.id);
      if (!visible(principal, found))
        await requireCapability(request, reply, deps.secrets, 'devices.view_unassigned');
      const errors = await deps.storage().nodes.errors(found.id, 20);
      return sendOk(reply, { ...(await view(found)), config: found.config, recent_errors: errors });
    }),
  );

  api.patch<{ Params: { id: string } }>('/api/nodes/:id', (request, reply) =>
    handle(reply, async () => {
      // Renaming is node record editing; moving a node to a zone is device configuration.
      const assigns = (request.body as { zone_id?: unknown } | null)?.zone_id !== undefined;
      const principal = await requireCapability(
        request,
        reply,
        deps.secrets,
        assigns ? 'devices.configure' : 'setup.edit',
      );
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, UpdateNodeRequestSchema, request.body);
      const before = await deps.storage().nodes.byId(id);
      if (!before) return notFound(reply, request.params.id);
      let current = before;
      if (body.name !== undefined)
        current = await deps.devices().registry.save(current, { name: body.name });
      if (body.zone_id !== undefined)
        current = await deps.devices().provisioning.assign(id, body.zone_id);
      const diff: Record<string, unknown> = {};
      if (body.name !== undefined) diff.name = [before.name, body.name];
      if (body.zone_id !== undefined) diff.zone_id = [before.zoneId, body.zone_id];
      if (Object.keys(diff).length > 0)
        await audit(
          principal,
          body.zone_id === undefined ? 'node.rename' : 'node.assign',
          id,
          diff,
        );
      return sendOk(reply, await view(current));
    }),
  );

  api.post<{ Params: { id: string } }>('/api/nodes/:id/detach', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'devices.configure');
      const id = parseId(reply, request.params.id);
      const detached = await deps.devices().provisioning.detach(id);
      await audit(principal, 'node.detach', id, null);
      return sendOk(reply, await view(detached));
    }),
  );

  api.delete<{ Params: { id: string } }>('/api/nodes/:id', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'devices.configure');
      const id = parseId(reply, request.params.id);
      const decommissioned = await deps.devices().provisioning.decommission(id);
      await audit(principal, 'node.decommission', id, null);
      return sendOk(reply, await view(decommissioned));
    }),
  );
}

/** Commands to a node and their status (reference-backend-ui.md §2.9). */
export function registerCommandRoutes(api: FastifyInstance, deps: NodeRouteDeps): void {
  api.post<{ Params: { id: string } }>('/api/nodes/:id/commands', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'commands.send');
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
      if (!result.skipped) {
        const { cmd_id: _, ...sent } = body;
        await auditNode(deps)(principal, 'command.send', id, {
          cmd_id: result.command.cmdId,
          ...sent,
        });
      }
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
        const principal = await requireCapability(request, reply, deps.secrets, 'view');
        const found = await deps.storage().nodes.byId(parseId(reply, request.params.id));
        if (!found) return notFound(reply, request.params.id);
        if (!visible(principal, found))
          await requireCapability(request, reply, deps.secrets, 'devices.view_unassigned');
        const limit = Math.min(Math.max(Number(request.query.limit ?? 50) || 50, 1), 100);
        const before =
          request.query.before === undefined ? undefined : Number(request.query.before);
        const rows = await deps.storage().commands.listForNode(found.id, limit, before);
        return sendOk(reply, rows.map(commandView));
      }),
  );

  api.get<{ Params: { cmdId: string } }>('/api/commands/:cmdId/status', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
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

/** Records a node change in the audit journal. */
function auditNode(deps: NodeRouteDeps) {
  return (
    principal: Principal,
    action: string,
    nodeId: number,
    diff: Record<string, unknown> | null,
  ) =>
    deps.storage().audit.insert({
      actor: auditActor(principal),
      action,
      targetType: 'node',
      targetId: nodeId,
      diff,
      at: deps.clock.now(),
    });
}

function notFound(reply: FastifyReply, id: string) {
  return sendError(reply, 404, { code: 'node_not_found', message: `No node ${id}` });
}
