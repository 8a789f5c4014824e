import fc from 'fast-check';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import { indent, outdent, outdentAtStartOfItem, toggleList, toggleSubheading } from '../../src/statements/editor/block-commands';
import { bodyToDoc, docToBody } from '../../src/statements/editor/schema';
import type { Block } from '../../src/statements/statement-body';
import { bodyArbitrary } from '../support/body-arbitraries';

/** The editor with the cursor in the text `from` (or the selection from `from` to `to`), at its start. */
function editor(body: Block[], from: string, to = from): EditorState {
  const doc = bodyToDoc(body);
  const find = (needle: string) => {
    let found = -1;
    doc.descendants((node, pos) => {
      if (found < 0 && node.isText && node.text!.includes(needle)) found = pos + node.text!.indexOf(needle);
    });
    if (found < 0) throw new Error(`no text ${needle}`);
    return found;
  };
  return EditorState.create({ doc, selection: TextSelection.create(doc, find(from), find(to)) });
}

function run(state: EditorState, command: Command): EditorState {
  let next = state;
  const applied = command(state, (tr) => (next = state.apply(tr)));
  if (!applied) throw new Error('the command did not apply');
  return next;
}

const para = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });
const item = (text: string) => ({ content: [{ text }] });

describe('the editor\'s list and sub-heading commands', () => {
  it('makes paragraphs a bulleted list, changes it to a numbered one and takes it back out', () => {
    let state = editor([para('Ett'), para('Två'), para('Tre')], 'Ett', 'Två');
    state = run(state, toggleList('bullet'));
    expect(docToBody(state.doc)).toEqual([{ type: 'bullet_list', items: [item('Ett'), item('Två')] }, para('Tre')]);
    state = run(state, toggleList('numbered'));
    expect(docToBody(state.doc)).toEqual([{ type: 'numbered_list', items: [item('Ett'), item('Två')] }, para('Tre')]);
    state = run(state, toggleList('numbered'));
    expect(docToBody(state.doc)).toEqual([para('Ett'), para('Två'), para('Tre')]);
  });

  it('joins a paragraph to the list of the same kind before and after it', () => {
    const body: Block[] = [{ type: 'bullet_list', items: [item('A')] }, para('B'), { type: 'bullet_list', items: [item('C')] }];
    const state = run(editor(body, 'B'), toggleList('bullet'));
    expect(docToBody(state.doc)).toEqual([{ type: 'bullet_list', items: [item('A'), item('B'), item('C')] }]);
  });

  it('indents an item under the one above it, one level only, and outdents it again', () => {
    const body: Block[] = [{ type: 'numbered_list', items: [item('Ett'), item('Två'), item('Tre')] }];
    expect(indent(editor(body, 'Ett'))).toBe(false); // the first item has nothing above it
    let state = run(editor(body, 'Två', 'Tre'), indent);
    expect(docToBody(state.doc)).toEqual([{ type: 'numbered_list', items: [{ content: [{ text: 'Ett' }], children: { type: 'numbered_list', items: [item('Två'), item('Tre')] } }] }]);
    expect(indent(state)).toBe(false); // a third level does not exist
    state = run(state, toggleList('bullet'));
    expect(docToBody(state.doc)).toEqual([{ type: 'numbered_list', items: [{ content: [{ text: 'Ett' }], children: { type: 'bullet_list', items: [item('Två'), item('Tre')] } }] }]);
    state = run(editor(docToBody(state.doc), 'Två'), outdent);
    // The inner items after the outdented one become its own.
    expect(docToBody(state.doc)).toEqual([{ type: 'numbered_list', items: [item('Ett'), { content: [{ text: 'Två' }], children: { type: 'bullet_list', items: [item('Tre')] } }] }]);
    state = run(state, outdent);
    expect(docToBody(state.doc)).toEqual([{ type: 'numbered_list', items: [item('Ett')] }, para('Två'), { type: 'bullet_list', items: [item('Tre')] }]);
  });

  it('joins an indented item to the inner list of the item above, and flattens its own inner items', () => {
    const body: Block[] = [
      {
        type: 'bullet_list',
        items: [
          { content: [{ text: 'A' }], children: { type: 'numbered_list', items: [item('a1')] } },
          { content: [{ text: 'B' }], children: { type: 'bullet_list', items: [item('b1')] } },
        ],
      },
    ];
    const state = run(editor(body, 'B'), indent);
    expect(docToBody(state.doc)).toEqual([{ type: 'bullet_list', items: [{ content: [{ text: 'A' }], children: { type: 'numbered_list', items: [item('a1'), item('B'), item('b1')] } }] }]);
  });

  it('makes a sub-heading of plain text, and will not take a footnote into one', () => {
    const body: Block[] = [{ type: 'paragraph', content: [{ text: 'Fet', bold: true }, { text: ' rubrik\nhär', italic: true }] }];
    let state = run(editor(body, 'Fet'), toggleSubheading);
    expect(docToBody(state.doc)).toEqual([{ type: 'subheading', text: 'Fet rubrik här' }]);
    state = run(state, toggleSubheading);
    expect(docToBody(state.doc)).toEqual([para('Fet rubrik här')]);
    expect(toggleSubheading(editor([{ type: 'paragraph', content: [{ text: 'Med' }, { footnote: 'Not' }] }], 'Med'))).toBe(false);
  });

  it('steps out of an empty item or at the start of one', () => {
    const body: Block[] = [{ type: 'bullet_list', items: [{ content: [{ text: 'A' }], children: { type: 'bullet_list', items: [item('a1')] } }] }];
    let state = run(editor(body, 'a1'), outdentAtStartOfItem);
    expect(docToBody(state.doc)).toEqual([{ type: 'bullet_list', items: [item('A'), item('a1')] }]);
    expect(outdentAtStartOfItem(EditorState.create({ doc: state.doc, selection: TextSelection.create(state.doc, state.selection.from + 1) }))).toBe(false);
    state = run(state, outdentAtStartOfItem);
    expect(docToBody(state.doc)).toEqual([{ type: 'bullet_list', items: [item('A')] }, para('a1')]);
  });

  it('keeps the cursor in the same text across a rebuild', () => {
    const body: Block[] = [para('Före'), { type: 'bullet_list', items: [item('Ett'), item('Två')] }];
    const state = run(editor(body, 'vå'), indent);
    expect(state.selection.$from.parent.textContent).toBe('Två');
    expect(state.selection.$from.parentOffset).toBe(1);
  });

  it('always leaves a document the schema holds, whatever is selected and applied', () => {
    const commands = [toggleList('bullet'), toggleList('numbered'), indent, outdent, toggleSubheading, outdentAtStartOfItem];
    fc.assert(
      fc.property(bodyArbitrary, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(commands.length - 1)), { maxLength: 6 }), (body, steps) => {
        let state = EditorState.create({ doc: bodyToDoc(body) });
        for (const [a, b, which] of steps) {
          const size = state.doc.content.size;
          const selection = TextSelection.between(state.doc.resolve(a % (size + 1)), state.doc.resolve(b % (size + 1)));
          state = state.apply(state.tr.setSelection(selection));
          commands[which](state, (tr) => (state = state.apply(tr)));
          state.doc.check();
          // What the editor gives back is a body the server accepts in the same form.
          expect(docToBody(bodyToDoc(docToBody(state.doc)))).toEqual(docToBody(state.doc));
        }
      }),
      { numRuns: 200 },
    );
  });
});
