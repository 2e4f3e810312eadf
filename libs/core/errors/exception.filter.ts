import { ArgumentsHost, BadRequestException, Catch, HttpException, Logger } from '@nestjs/common';
import { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { ThrottlerException } from '@nestjs/throttler';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import type { Response } from 'express';
import { AppError, type ErrorCode } from './errors';

const PG_UNIQUE_VIOLATION = '23505';

function toGraphQLError(code: ErrorCode, message: string, details?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...(details ?? {}) } });
}

/**
 * Maps every exception to a typed error. Anything unexpected is logged with its stack and reported as
 * INTERNAL_SERVER_ERROR with a generic message: no SQL, no stack trace reaches a client.
 */
@Catch()
export class AppExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const error = this.translate(exception);
    if (host.getType<GqlContextType>() === 'graphql') return error;
    const response = host.switchToHttp().getResponse<Response>();
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : httpStatus(error.extensions.code as ErrorCode);
    response.status(status).json({ errors: [{ message: error.message, extensions: error.extensions }] });
    return undefined;
  }

  private translate(exception: unknown): GraphQLError {
    if (exception instanceof GraphQLError) return exception;
    if (exception instanceof AppError)
      return toGraphQLError(exception.code, exception.message, exception.details);
    if (exception instanceof ThrottlerException)
      return toGraphQLError('TOO_MANY_REQUESTS', 'Too many requests');
    if (exception instanceof BadRequestException) {
      const body = exception.getResponse() as { message?: string | string[] };
      const messages = Array.isArray(body.message) ? body.message : [body.message ?? exception.message];
      return toGraphQLError('BAD_USER_INPUT', messages.join('; '), { validationErrors: messages });
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const code: ErrorCode =
        status === 401
          ? 'UNAUTHENTICATED'
          : status === 403
            ? 'FORBIDDEN'
            : status === 404
              ? 'NOT_FOUND'
              : status === 413
                ? 'PAYLOAD_TOO_LARGE'
                : 'BAD_USER_INPUT';
      return toGraphQLError(code, exception.message);
    }
    if (
      exception instanceof QueryFailedError &&
      (exception.driverError as { code?: string })?.code === PG_UNIQUE_VIOLATION
    ) {
      return toGraphQLError('CONFLICT', 'This already exists');
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return toGraphQLError('INTERNAL_SERVER_ERROR', 'Internal server error');
  }
}

function httpStatus(code: ErrorCode): number {
  const map: Record<ErrorCode, number> = {
    BAD_USER_INPUT: 400,
    UNAUTHENTICATED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    CONFLICT: 409,
    TOO_MANY_REQUESTS: 429,
    PAYLOAD_TOO_LARGE: 413,
    INTERNAL_SERVER_ERROR: 500,
  };
  return map[code];
}
