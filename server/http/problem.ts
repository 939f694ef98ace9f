/**
 * Problem documents (RFC 9457): the one error type handlers throw, and how it is written out.
 */
import type { FastifyReply } from 'fastify';
import { PROBLEM_CODES, type Problem, type ProblemCode, problemType } from '../../src/shared/backendApi.js';

/** Media type of every error response. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** An error meant for the client: carries its stable code, a human detail and extra headers. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: { fields?: string[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = PROBLEM_CODES[code].status;
  }

  /** The problem document this error is sent as. */
  toProblem(): Problem {
    const problem: Problem = {
      type: problemType(this.code),
      title: PROBLEM_CODES[this.code].title,
      status: this.status,
      detail: this.detail,
      code: this.code,
    };
    if (this.extras.fields) problem.fields = this.extras.fields;
    return problem;
  }
}

/** Writes an {@link ApiError} as `application/problem+json` with its headers. */
export function sendProblem(reply: FastifyReply, error: ApiError): FastifyReply {
  for (const [name, value] of Object.entries(error.extras.headers ?? {})) reply.header(name, value);
  return reply.code(error.status).type(PROBLEM_CONTENT_TYPE).send(error.toProblem());
}
