import { z } from 'zod';

/**
 * `hydro/node_hello` registration (§4.5). `node_type` is kept as sent; normalise it with
 * `normalizeNodeType`. `provisioning_meta.greenhouse_token` and `zone_id` are ignored by design:
 * hello never binds a node.
 */
export const NodeHelloSchema = z.looseObject({
  message_type: z.literal('node_hello'),
  hardware_id: z.string().min(1),
  node_type: z.string(),
  fw_version: z.string().optional(),
  capabilities: z.array(z.string()).optional(),
  hardware_revision: z.string().optional(),
  provisioning_meta: z
    .looseObject({
      node_name: z.string().optional(),
      node_uid: z.string().optional(),
    })
    .optional(),
});
export type NodeHello = z.infer<typeof NodeHelloSchema>;
