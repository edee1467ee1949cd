import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * How to fold selection sets into a value of type `T`, carrying a context `C` down (e.g. the parent type). Each
 * method gets what is below already folded, so the walk can keep its own stack.
 */
export interface SelectionFold<C, T> {
  empty(): T;
  add(total: T, item: T): T;
  /** The context for the field's selection set, or undefined to leave it unvisited (leaves, meta fields). */
  enterField(field: FieldNode, context: C): C | undefined;
  /** The field's value given its selection set's (empty() when unvisited). */
  field(field: FieldNode, context: C, inner: T): T;
  enterInlineFragment(fragment: InlineFragmentNode, context: C): C;
  inlineFragment(fragment: InlineFragmentNode, inner: T): T;
  enterFragment(fragment: FragmentDefinitionNode, context: C): C;
  /** Fragments are folded once per key: a fragment's value may depend on part of the context only. */
  fragmentKey(name: string, context: C): string;
  /** A spread's value given its fragment's (empty() for unknown or cyclic fragments). */
  spread(spread: FragmentSpreadNode, fragment: T): T;
}

interface Frame<C, T> {
  selections: SelectionSetNode['selections'];
  next: number;
  total: T;
  context: C;
  /** Turns the folded selection set into what the parent frame adds. */
  complete(inner: T): T;
}

/**
 * Folds selection sets with fragments expanded, iteratively: an explicit stack of frames instead of recursion,
 * so no document, however deep or however long its chain of fragment spreads, can overflow the call stack.
 * Each fragment is folded once per key and remembered, so a document spreading one fragment many times is folded
 * in linear time. A fragment that spreads itself, directly or not, counts as empty (graphql-js reports the cycle).
 */
export class SelectionFolder<C, T> {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly folded = new Map<string, T>();
  private readonly folding = new Set<string>();

  constructor(
    document: DocumentNode,
    private readonly fold: SelectionFold<C, T>,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  foldSelectionSet(selectionSet: SelectionSetNode, context: C): T {
    const stack: Frame<C, T>[] = [this.frame(selectionSet, context, (inner) => inner)];
    for (;;) {
      const frame = stack[stack.length - 1];
      if (frame.next === frame.selections.length) {
        stack.pop();
        const value = frame.complete(frame.total);
        if (!stack.length) return value;
        const parent = stack[stack.length - 1];
        parent.total = this.fold.add(parent.total, value);
        continue;
      }
      const child = this.visit(frame, frame.selections[frame.next++]);
      if (child) stack.push(child);
    }
  }

  /** Adds a selection's value to the frame, or returns the frame that folds its selection set first. */
  private visit(frame: Frame<C, T>, selection: SelectionSetNode['selections'][number]): Frame<C, T> | void {
    const { fold } = this;
    if (selection.kind === Kind.FIELD) {
      const context = selection.selectionSet ? fold.enterField(selection, frame.context) : undefined;
      if (context === undefined || !selection.selectionSet) {
        frame.total = fold.add(frame.total, fold.field(selection, frame.context, fold.empty()));
        return;
      }
      const parentContext = frame.context;
      return this.frame(selection.selectionSet, context, (inner) =>
        fold.field(selection, parentContext, inner),
      );
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const context = fold.enterInlineFragment(selection, frame.context);
      return this.frame(selection.selectionSet, context, (inner) => fold.inlineFragment(selection, inner));
    }
    const name = selection.name.value;
    const key = fold.fragmentKey(name, frame.context);
    const known = this.folded.get(key);
    const fragment = this.fragments.get(name);
    if (known !== undefined || !fragment || this.folding.has(key)) {
      frame.total = fold.add(frame.total, fold.spread(selection, known ?? fold.empty()));
      return;
    }
    this.folding.add(key);
    return this.frame(fragment.selectionSet, fold.enterFragment(fragment, frame.context), (inner) => {
      this.folding.delete(key);
      this.folded.set(key, inner);
      return fold.spread(selection, inner);
    });
  }

  private frame(selectionSet: SelectionSetNode, context: C, complete: (inner: T) => T): Frame<C, T> {
    return { selections: selectionSet.selections, next: 0, total: this.fold.empty(), context, complete };
  }
}
