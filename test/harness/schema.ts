import type { TestApp } from './app';

interface IntrospectedType {
  name: string;
  kind: string;
  fields:
    { name: string; args: { type: { kind: string }; defaultValue: string | null }[]; type: TypeRef }[] | null;
}
interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
const namedType = (ref: TypeRef): string => (ref.ofType ? namedType(ref.ofType) : (ref.name as string));

/**
 * Every field of a type, read from the schema itself, objects expanded (a type already on the path is
 * not entered again): a field added later is asked for too.
 */
export async function everyField(app: TestApp, typeName: string): Promise<string> {
  const response = await app.gql<{ __schema: { types: IntrospectedType[] } }>(
    `{ __schema { types { name kind fields { name args { type { kind } defaultValue }
        type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`,
  );
  const types = new Map(response.data!.__schema.types.map((type) => [type.name, type]));
  const select = (name: string, path: string[]): string =>
    types
      .get(name)!
      .fields!.filter((field) =>
        field.args.every((arg) => arg.type.kind !== 'NON_NULL' || arg.defaultValue !== null),
      )
      .map((field) => {
        const child = types.get(namedType(field.type))!;
        if (child.kind !== 'OBJECT') return field.name;
        if (path.includes(child.name)) return '';
        return `${field.name} { ${select(child.name, [...path, child.name])} }`;
      })
      .filter(Boolean)
      .join(' ');
  return select(typeName, [typeName]);
}
