import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { IsBase64, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadInputError } from '../errors/errors';

export const MAX_PAGE_SIZE = 100;

/** Query complexity of a connection field: its children count once per requested row. */
export const connectionComplexity = ({
  args,
  childComplexity,
}: {
  args: { first?: number };
  childComplexity: number;
}) => (args.first ?? 20) * childComplexity;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: `Page size, at most ${MAX_PAGE_SIZE}` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field({ nullable: true, description: 'The endCursor of the previous page' })
  @IsOptional()
  @IsBase64({ urlSafe: true })
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Builds the `XConnection` / `XEdge` object types for a node type (after the NestJS docs' recipe). */
export function Paginated<T>(classRef: Type<T>): Type<Connection<T>> {
  @ObjectType(`${classRef.name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => classRef)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType as Type<Connection<T>>;
}

type CursorValue = string | number | null;

const encodeCursor = (values: CursorValue[]): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === length) return values as CursorValue[];
  } catch {
    // fall through
  }
  throw new BadInputError('Invalid cursor', { argument: 'after', reason: 'INVALID_CURSOR' });
}

export interface SortSpec<T> {
  /** SQL expression of the sort column, e.g. `o.name`. Must be NOT NULL. */
  column: string;
  value: (row: T) => CursorValue | Date;
  direction: 'ASC' | 'DESC';
}

/**
 * The cursor row's sort value as the database holds it: a timestamp has microseconds, a JavaScript
 * Date (so the cursor) only milliseconds, and a page continuing from the rounded value would skip or
 * repeat the rows of that millisecond. The cursor's own value serves when its row is gone, or when the
 * sort column is not the main table's.
 */
function cursorSortValue<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: string,
  idColumn: string,
): string {
  const main = qb.expressionMap.mainAlias;
  const alias = qb.alias;
  if (!main?.hasMetadata || !column.startsWith(`${alias}.`) || !idColumn.startsWith(`${alias}.`))
    return ':cursorValue';
  // The subquery's alias is the outer one's, so the same column expressions name its row.
  const table = qb.escape(main.metadata.tablePath);
  return `COALESCE((SELECT ${column} FROM ${table} ${alias} WHERE ${idColumn} = :cursorId), :cursorValue)`;
}

/**
 * Keyset pagination: orders by (sort column, id) and continues strictly after the cursor, so pages
 * stay stable while rows are inserted and every page is an index range scan, never an OFFSET.
 * `withRaw` reads values the query selects besides the entity's columns (no joined entities: one raw
 * row per entity).
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  idColumn: string,
  sort: SortSpec<T>,
  args: PageArgs,
  withRaw?: (node: T, raw: Record<string, unknown>) => void,
): Promise<Connection<T>> {
  const first = Math.min(args.first ?? 20, MAX_PAGE_SIZE);
  const op = sort.direction === 'ASC' ? '>' : '<';
  if (args.after) {
    const [value, id] = decodeCursor(args.after, 2);
    qb.andWhere(
      `(${sort.column}, ${idColumn}) ${op} (${cursorSortValue(qb, sort.column, idColumn)}, :cursorId)`,
      {
        cursorValue: value,
        cursorId: id,
      },
    );
  }
  qb.orderBy(sort.column, sort.direction)
    .addOrderBy(idColumn, sort.direction)
    .take(first + 1);
  let rows: T[];
  if (withRaw) {
    const { entities, raw } = await qb.getRawAndEntities<Record<string, unknown>>();
    entities.forEach((entity, i) => withRaw(entity, raw[i]));
    rows = entities;
  } else {
    rows = await qb.getMany();
  }
  const page = rows.slice(0, first);
  const edges = page.map((node) => {
    const value = sort.value(node);
    return { cursor: encodeCursor([value instanceof Date ? value.toISOString() : value, node.id]), node };
  });
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
