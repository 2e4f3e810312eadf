import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** `extensions.reason` of the error a too-deep operation gets (its code is BAD_USER_INPUT). */
export const QUERY_TOO_DEEP = 'QUERY_TOO_DEEP';

/**
 * Refuses operations nested deeper than `maxDepth`: the depth of an operation is the largest number
 * of fields with a selection set on one path from its root (introspection fields, `__*`, count 0),
 * fragments counting as what they select (the measure graphql-depth-limit used, which this replaces).
 *
 * Safe on any document the parser accepts, valid or not: a spread of an unknown fragment counts 0
 * and a spread inside a fragment cycle counts 0 where the cycle closes (graphql-js's own
 * KnownFragmentNames and NoFragmentCycles rules report those documents), where graphql-depth-limit
 * crashed with a TypeError or recursed until the stack overflowed. Each fragment is measured once
 * per document, and no path is followed past `maxDepth + 1` levels.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  const cap = maxDepth + 1;
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    // Each fragment's height (capped at `cap`), measured once. Spreads are followed with a stack of
    // our own rather than by recursion: a long chain of fragments must not overflow the call stack.
    const heights = new Map<string, number>();
    const measuring = new Set<string>();
    const fragmentHeight = (name: string): number => {
      const stack = [name];
      while (stack.length) {
        const current = stack[stack.length - 1];
        const fragment = fragments.get(current);
        if (heights.has(current) || !fragment) {
          stack.pop();
          continue;
        }
        // Measure the fragments it spreads first; one still being measured closes a cycle (counts 0).
        const pending = spreadsOf(fragment.selectionSet).filter(
          (spread) => !heights.has(spread) && !measuring.has(spread) && fragments.has(spread),
        );
        if (pending.length && !measuring.has(current)) {
          measuring.add(current);
          stack.push(...pending);
          continue;
        }
        heights.set(current, measure(fragment.selectionSet, cap));
        measuring.delete(current);
        stack.pop();
      }
      return heights.get(name) ?? 0;
    };

    /** The height of a selection set, or `room` if it is at least that. */
    function measure(selectionSet: SelectionSetNode, room: number): number {
      let height = 0;
      for (const selection of selectionSet.selections) {
        if (height >= room) break;
        let own: number;
        if (selection.kind === Kind.FIELD) {
          own =
            !selection.selectionSet || selection.name.value.startsWith('__')
              ? 0
              : 1 + measure(selection.selectionSet, room - 1);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          own = measure(selection.selectionSet, room);
        } else {
          const name = selection.name.value;
          own = heights.get(name) ?? (measuring.has(name) ? 0 : fragmentHeight(name));
        }
        height = Math.max(height, Math.min(own, room));
      }
      return height;
    }

    /** The names of the fragments a selection set spreads, outside those fragments. */
    function spreadsOf(selectionSet: SelectionSetNode, names: string[] = []): string[] {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) names.push(selection.name.value);
        else if (selection.selectionSet) spreadsOf(selection.selectionSet, names);
      }
      return names;
    }

    return {
      OperationDefinition(operation) {
        if (measure(operation.selectionSet, cap) > maxDepth) {
          const name = operation.name?.value ?? '';
          context.reportError(
            new GraphQLError(`'${name}' exceeds maximum operation depth of ${maxDepth}`, {
              nodes: [operation],
              extensions: { reason: QUERY_TOO_DEEP },
            }),
          );
        }
        // Nothing below the operation needs visiting.
        return false;
      },
    };
  };
}
