import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ApiError } from '../contracts/envelope.js';
import type { Logger } from '../runtime/logger.js';

export function sendOk(reply: FastifyReply, data: unknown): FastifyReply {
  return reply.send({ status: 'ok', data });
}

export function sendError(
  reply: FastifyReply,
  httpStatus: number,
  body: Omit<ApiError, 'status'>,
): FastifyReply {
  return reply.code(httpStatus).send({ status: 'error', ...body });
}

/** Every failure leaves the API in the §2.0 error envelope; stacks stay in the log. */
export function installErrorEnvelope(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler(
    (error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        logger.error({ err: error, url: request.url }, 'request failed');
        return sendError(reply, status, { code: 'internal_error', message: 'Internal error' });
      }
      const code =
        status === 400 ? 'bad_request' : status === 413 ? 'payload_too_large' : 'request_rejected';
      return sendError(reply, status, { code, message: error.message });
    },
  );
}
