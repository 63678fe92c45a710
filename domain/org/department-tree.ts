export interface DepartmentNode {
  id: number;
  parentId: number | null;
}

/** The ids of `rootId` and every department under it (a manager's scope). Cycles in bad data are cut. */
export function subtreeIds(departments: readonly DepartmentNode[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of departments) {
    if (d.parentId === null) continue;
    children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
  }
  const seen = new Set<number>([rootId]);
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    for (const child of children.get(id) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
  return [...seen];
}
