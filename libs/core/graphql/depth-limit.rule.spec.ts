import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { depthLimitRule, QUERY_TOO_DEEP } from './depth-limit.rule';

const schema = buildSchema(`
  type Query { node: Node, name: String }
  type Node { child: Node, other: Node, name: String }
`);

const errorsOf = (query: string, maxDepth: number) =>
  validate(schema, parse(query), [...specifiedRules, depthLimitRule(maxDepth)]);
const tooDeep = (query: string, maxDepth: number) =>
  errorsOf(query, maxDepth).filter((error) => error.extensions.reason === QUERY_TOO_DEEP);

describe('depthLimitRule', () => {
  it('counts the fields with a selection set on the deepest path', () => {
    const depth2 = `{ node { child { name } } name }`;
    expect(tooDeep(depth2, 2)).toHaveLength(0);
    expect(tooDeep(depth2, 1)).toHaveLength(1);
    expect(tooDeep(`{ name }`, 0)).toHaveLength(0);
    expect(tooDeep(`query Deep { node { child { child { name } } } }`, 2)[0].message).toBe(
      "'Deep' exceeds maximum operation depth of 2",
    );
  });

  it('counts fragments and inline fragments as what they select, introspection as nothing', () => {
    const query = `{ node { ...F } } fragment F on Node { child { ... on Node { other { name } } } }`;
    expect(tooDeep(query, 3)).toHaveLength(0);
    expect(tooDeep(query, 2)).toHaveLength(1);
    expect(tooDeep(`{ __schema { types { fields { type { ofType { name } } } } } }`, 1)).toHaveLength(0);
  });

  it('measures every operation of the document', () => {
    const query = `query A { name } query B { node { child { name } } }`;
    expect(tooDeep(query, 1).map((error) => error.message)).toEqual([
      "'B' exceeds maximum operation depth of 1",
    ]);
  });

  it('leaves fragment cycles and unknown fragments to graphql-js rules, without recursing forever', () => {
    const cycles = [
      `{ node { ...A } } fragment A on Node { ...B } fragment B on Node { ...A }`,
      `{ node { ...A } } fragment A on Node { child { ...A } }`,
      `{ node { ...A } } fragment A on Node { ...A }`,
    ];
    for (const query of cycles) {
      const messages = errorsOf(query, 8).map((error) => error.message);
      expect(messages.some((message) => message.startsWith('Cannot spread fragment'))).toBe(true);
    }
    expect(errorsOf(`{ node { ...Missing } }`, 8).map((error) => error.message)).toEqual([
      'Unknown fragment "Missing".',
    ]);
  });

  it('measures each fragment once: spreads doubling at each level stay cheap', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice...: 2^40 paths for a crawler that expands spreads.
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i + 1 < levels
        ? `fragment F${i} on Node { ...F${i + 1} ... on Node { ...F${i + 1} } }`
        : `fragment F${i} on Node { child { name } }`,
    );
    const document = parse(`{ node { ...F0 } } ${fragments.join(' ')}`);
    const started = Date.now();
    expect(validate(schema, document, [depthLimitRule(2)])).toHaveLength(0);
    expect(validate(schema, document, [depthLimitRule(1)])).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('follows a chain of 20,000 fragments without overflowing the stack', () => {
    const length = 20_000;
    const chain = (last: string) =>
      Array.from({ length }, (_, i) =>
        i + 1 < length ? `fragment F${i} on Node { ...F${i + 1} }` : `fragment F${i} on Node { ${last} }`,
      ).join(' ');
    const rule = depthLimitRule(2);
    expect(validate(schema, parse(`{ node { ...F0 } } ${chain('child { name }')}`), [rule])).toHaveLength(0);
    expect(
      validate(schema, parse(`{ node { ...F0 } } ${chain('child { child { name } }')}`), [rule]),
    ).toHaveLength(1);
    // Closed into a cycle: counted without looping (NoFragmentCycles reports it).
    expect(validate(schema, parse(`{ node { ...F0 } } ${chain('child { ...F0 }')}`), [rule])).toHaveLength(0);
  });

  it('reports a document with many too-deep fields once per operation', () => {
    const deep = Array.from({ length: 200 }, (_, i) => `f${i}: node { child { name } }`).join(' ');
    expect(tooDeep(`{ ${deep} }`, 1)).toHaveLength(1);
  });
});
