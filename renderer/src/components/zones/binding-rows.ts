import { BINDING_ROLES, type BindingRole, type BindingView } from '@contracts/bindings.js';
import type { NodeView } from '@contracts/devices.js';

export interface ChannelChoice {
  nodeId: number;
  channel: string;
  /** `node:channel`, the select's value. */
  value: string;
}

export interface BindingRow {
  role: BindingRole;
  kind: 'sensor' | 'actuator';
  binding: BindingView | null;
  /** The zone channel a reference firmware names after this role, when unbound. */
  suggested: ChannelChoice | null;
  choices: ChannelChoice[];
}

const choiceOf = (nodeId: number, channel: string): ChannelChoice => ({
  nodeId,
  channel,
  value: `${nodeId}:${channel}`,
});

/** Every role with its binding, the channels of the right kind it may take, and a suggestion. */
export function bindingRows(
  bindings: readonly BindingView[],
  nodes: readonly NodeView[],
): BindingRow[] {
  return (Object.keys(BINDING_ROLES) as BindingRole[]).map((role) => {
    const kind = BINDING_ROLES[role];
    const wanted = kind === 'sensor' ? 'SENSOR' : 'ACTUATOR';
    const choices = nodes.flatMap((n) =>
      n.channels.filter((c) => c.type === wanted).map((c) => choiceOf(n.id, c.channel)),
    );
    const binding = bindings.find((b) => b.role === role) ?? null;
    const suggested = binding ? null : (choices.find((c) => c.channel === role) ?? null);
    return { role, kind, binding, suggested, choices };
  });
}
