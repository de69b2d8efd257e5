// Compares the interfaces of protocol.ts (read with the TypeScript compiler API) with the components of an OpenAPI
// document: property names, which are required, and `const`/`enum` values against string literal types.
import ts from 'typescript';

/** The interfaces (property name → { optional, type }) and type aliases of a TypeScript source. */
function readInterfaces(protocolText) {
  const source = ts.createSourceFile('protocol.ts', protocolText, ts.ScriptTarget.ES2022, true);
  const interfaces = new Map();
  const aliases = new Map();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      const members = new Map();
      for (const member of statement.members) {
        if (ts.isPropertySignature(member) && member.name && !ts.isComputedPropertyName(member.name)) {
          members.set(member.name.text, { optional: member.questionToken !== undefined, type: member.type });
        }
      }

      interfaces.set(statement.name.text, members);
    } else if (ts.isTypeAliasDeclaration(statement)) {
      aliases.set(statement.name.text, statement.type);
    }
  }

  return { interfaces, aliases };
}

/** The string literals a type is a union of, following local aliases; null when it is not only literals. */
function literalsOf(type, aliases) {
  if (type === undefined) {
    return null;
  }

  if (ts.isParenthesizedTypeNode(type)) {
    return literalsOf(type.type, aliases);
  }

  if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) {
    return [type.literal.text];
  }

  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && aliases.has(type.typeName.text)) {
    return literalsOf(aliases.get(type.typeName.text), aliases);
  }

  if (ts.isUnionTypeNode(type)) {
    const parts = type.types.map(t => literalsOf(t, aliases));
    return parts.every(p => p !== null) ? parts.flat() : null;
  }

  return null;
}

const refName = schema => schema.$ref.split('/').at(-1);

/** The event components: the members of StreamEvent's oneOf. */
export function eventComponents(schemas) {
  return schemas.StreamEvent.oneOf.map(refName);
}

/**
 * Every disagreement between `protocolText` and `schemas` (components.schemas) for the named components, as
 * sentences; [] when they agree. `strict` names get their required properties compared both ways; the others only
 * need what openapi.yaml requires to be required.
 */
export function protocolMismatches(schemas, protocolText, { strict, loose = [] }) {
  const { interfaces, aliases } = readInterfaces(protocolText);
  const problems = [];
  const deref = schema => (schema?.$ref ? schemas[refName(schema)] : schema);

  const union = aliases.get('StreamEvent');
  const unionNames = union && ts.isUnionTypeNode(union) ? union.types.map(t => t.getText()).sort() : [];
  const events = eventComponents(schemas).sort();
  if (JSON.stringify(unionNames) !== JSON.stringify(events)) {
    problems.push(`StreamEvent is ${unionNames.join(' | ')} in protocol.ts but oneOf ${events.join(', ')} in openapi.yaml`);
  }

  for (const [name, both] of [...strict.map(n => [n, true]), ...loose.map(n => [n, false])]) {
    const schema = schemas[name];
    const members = interfaces.get(name);
    if (!schema || !members) {
      problems.push(`${name} is ${schema ? 'not an interface in protocol.ts' : 'not a component in openapi.yaml'}`);
      continue;
    }

    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    for (const property of Object.keys(properties)) {
      if (!members.has(property)) {
        problems.push(`${name}.${property} is in openapi.yaml but not in protocol.ts`);
      }
    }

    for (const [property, { optional, type }] of members) {
      if (!(property in properties)) {
        problems.push(`${name}.${property} is in protocol.ts but not in openapi.yaml`);
        continue;
      }

      if (required.has(property) && optional) {
        problems.push(`${name}.${property} is required in openapi.yaml but optional in protocol.ts`);
      } else if (both && !required.has(property) && !optional) {
        problems.push(`${name}.${property} is optional in openapi.yaml but required in protocol.ts`);
      }

      const spec = deref(properties[property]);
      const literals = literalsOf(type, aliases);
      if (spec?.const !== undefined && JSON.stringify(literals) !== JSON.stringify([spec.const])) {
        problems.push(`${name}.${property} is '${spec.const}' in openapi.yaml but ${type?.getText()} in protocol.ts`);
      } else if (Array.isArray(spec?.enum) && JSON.stringify([...(literals ?? [])].sort()) !== JSON.stringify([...spec.enum].sort())) {
        problems.push(`${name}.${property} is one of ${spec.enum.join(', ')} in openapi.yaml but ${type?.getText()} in protocol.ts`);
      }
    }
  }

  return problems;
}
