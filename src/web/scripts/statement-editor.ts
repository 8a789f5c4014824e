/**
 * The statement editor: a rich-text editor (ProseMirror) for one section of a tjänsteutlåtande,
 * built over a plain form that works without it (DESIGN.md §9). Bundled by esbuild into
 * dist/assets/statement-editor.js (asset-build.ts) and loaded only on the editor's page, with
 * statement-editor.css.
 *
 * The page's contract (what the server renders):
 *
 *   <form method="post" …>
 *     <label class="govuk-label" for="ID">…</label>           the field's label (and hint, error
 *     <textarea id="ID" name="body"                             message, referenced by
 *               data-statement-editor="JSON-ID" …>…</textarea>   aria-describedby on the textarea)
 *     <script type="application/json" id="JSON-ID">[…]</script>  the section body (statement-body.ts),
 *     <input type="hidden" name="bodyJson" value="">             as saved, or as last submitted when
 *   </form>                                                      the page comes back with errors
 *
 * - Every textarea[data-statement-editor] is enhanced; its attribute names the JSON script's id.
 *   The JSON must be an array of blocks; the server escapes "<" in it (as \u003c) so that no text
 *   can close the script element. If it is missing or unreadable the textarea stays as it is.
 * - The textarea is hidden (but stays in the form and is still submitted); the editor takes its
 *   label (aria-labelledby), its hint and error (aria-describedby) and its error look.
 * - On submit the body, in canonical form (editor/canonical.ts), is written as JSON into the
 *   form's input[name=bodyJson] (created if the form has none). Without JavaScript bodyJson stays
 *   empty: the server reads bodyJson when it is non-empty, otherwise the textarea.
 * - Leaving the page with unsaved changes asks first (beforeunload); submitting does not.
 *
 * Keyboard: Ctrl+B fetstil, Ctrl+I kursiv, Ctrl+Shift+3 underrubrik, Ctrl+Shift+8 punktlista,
 * Ctrl+Shift+7 numrerad lista, Tab / Shift+Tab öka / minska indrag in a list, Ctrl+Shift+F
 * fotnot, Ctrl+Z ångra, Ctrl+Y or Ctrl+Shift+Z gör om, Alt+F10 to the toolbar, Escape back.
 */
import { chainCommands, baseKeymap, toggleMark } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { MarkType } from 'prosemirror-model';
import { splitListItem } from 'prosemirror-schema-list';
import { EditorState, type Command } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { allLinesAre, indent, outdent, outdentAtStartOfItem, toggleList, toggleSubheading } from '../../statements/editor/block-commands';
import { bodyToDoc, docToBody, editorSchema } from '../../statements/editor/schema';
import { cleanPastedHtml } from '../../statements/editor/word-paste';
import type { Block } from '../../statements/statement-body';
import { canInsertFootnote, FootnoteForm } from './statement-editor/footnote-form';
import { Toolbar, type ToolbarButton } from './statement-editor/toolbar';

const { marks, nodes } = editorSchema;

function markActive(state: EditorState, type: MarkType): boolean {
  const { from, to, empty, $from } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

const can = (command: Command) => (state: EditorState) => command(state);
const runs = (command: Command) => (view: EditorView) => (command(view.state, view.dispatch), true);

function readBody(textarea: HTMLTextAreaElement): Block[] | undefined {
  const source = document.getElementById(textarea.dataset.statementEditor ?? '');
  try {
    const body: unknown = JSON.parse(source?.textContent ?? '');
    return Array.isArray(body) ? (body as Block[]) : undefined;
  } catch {
    return undefined;
  }
}

let editors = 0;

function enhance(textarea: HTMLTextAreaElement): void {
  const form = textarea.form;
  const body = readBody(textarea);
  if (!form || !body) return;
  let doc;
  try {
    doc = bodyToDoc(body);
  } catch {
    return; // A body the editor cannot hold: the textarea still can.
  }
  const id = `statement-editor-${++editors}`;
  const label = textarea.id ? document.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(textarea.id)}"]`) : null;
  if (label && !label.id) label.id = `${id}-label`;

  let bodyJson = form.querySelector<HTMLInputElement>('input[name="bodyJson"]');
  if (!bodyJson) {
    bodyJson = document.createElement('input');
    bodyJson.type = 'hidden';
    bodyJson.name = 'bodyJson';
    form.append(bodyJson);
  }

  // The toolbar and footnote form reach the view (created below, once they are in the page) through closures.
  const footnoteForm = new FootnoteForm(id, () => view);
  const buttons: ToolbarButton[] = [
    { label: 'Fetstil', shortcut: 'Control+B', enabled: can(toggleMark(marks.bold)), pressed: (s) => markActive(s, marks.bold), run: runs(toggleMark(marks.bold)) },
    { label: 'Kursiv', shortcut: 'Control+I', enabled: can(toggleMark(marks.italic)), pressed: (s) => markActive(s, marks.italic), run: runs(toggleMark(marks.italic)) },
    { label: 'Underrubrik', shortcut: 'Control+Shift+3', enabled: can(toggleSubheading), pressed: (s) => allLinesAre(s, 'subheading'), run: runs(toggleSubheading) },
    { label: 'Punktlista', shortcut: 'Control+Shift+8', enabled: can(toggleList('bullet')), pressed: (s) => allLinesAre(s, 'bullet'), run: runs(toggleList('bullet')) },
    { label: 'Numrerad lista', shortcut: 'Control+Shift+7', enabled: can(toggleList('numbered')), pressed: (s) => allLinesAre(s, 'numbered'), run: runs(toggleList('numbered')) },
    { label: 'Öka indrag', shortcut: 'Tab', enabled: can(indent), run: runs(indent) },
    { label: 'Minska indrag', shortcut: 'Shift+Tab', enabled: can(outdent), run: runs(outdent) },
    { label: 'Fotnot', shortcut: 'Control+Shift+F', enabled: canInsertFootnote, run: () => (footnoteForm.open(), false) },
    { label: 'Ångra', shortcut: 'Control+Z', enabled: can(undo), run: runs(undo) },
    { label: 'Gör om', shortcut: 'Control+Y', enabled: can(redo), run: runs(redo) },
  ];
  const toolbar = new Toolbar(buttons, () => view, id);

  const openFootnoteForm: Command = (state) => {
    if (!canInsertFootnote(state)) return false;
    footnoteForm.open();
    return true;
  };
  const enter = chainCommands(splitListItem(nodes.list_item), splitListItem(nodes.sublist_item), outdentAtStartOfItem, baseKeymap.Enter);
  const keys = keymap({
    'Mod-b': toggleMark(marks.bold),
    'Mod-i': toggleMark(marks.italic),
    'Shift-Mod-3': toggleSubheading,
    'Shift-Mod-8': toggleList('bullet'),
    'Shift-Mod-7': toggleList('numbered'),
    // Only inside a list (where indent and outdent apply); elsewhere Tab moves on, as on any page.
    Tab: indent,
    'Shift-Tab': outdent,
    'Shift-Mod-f': openFootnoteForm,
    'Mod-z': undo,
    'Mod-y': redo,
    'Shift-Mod-z': redo,
    Enter: enter,
    // A body has no line breaks of its own kind: Shift+Enter starts a new paragraph or item too.
    'Shift-Enter': enter,
    Backspace: chainCommands(outdentAtStartOfItem, baseKeymap.Backspace),
    'Alt-F10': () => (toolbar.focus(), true),
  });

  const describedBy = textarea.getAttribute('aria-describedby');
  const container = document.createElement('div');
  container.className = 'remiss-editor';
  if (textarea.classList.contains('govuk-textarea--error')) container.classList.add('remiss-editor--error');
  const content = document.createElement('div');
  content.className = 'remiss-editor__content';
  container.append(toolbar.element, footnoteForm.element, content);
  textarea.after(container);
  // hidden alone would not do: GOV.UK's .govuk-textarea sets display itself.
  textarea.hidden = true;
  textarea.style.display = 'none';

  const view: EditorView = new EditorView(content, {
    state: EditorState.create({ doc, plugins: [history(), keys, keymap(baseKeymap)] }),
    attributes: {
      id,
      class: 'remiss-editor__text',
      role: 'textbox',
      'aria-multiline': 'true',
      ...(label ? { 'aria-labelledby': label.id } : { 'aria-label': 'Text' }),
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      spellcheck: 'true',
    },
    transformPastedHTML: cleanPastedHtml,
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr));
      toolbar.update(view.state);
    },
  });
  toolbar.update(view.state);
  // The label was for the textarea: a click on it now goes to the editor.
  label?.addEventListener('click', (event) => {
    event.preventDefault();
    view.focus();
  });

  const current = () => JSON.stringify(docToBody(view.state.doc));
  const saved = current();
  let submitting = false;
  form.addEventListener('submit', () => {
    bodyJson.value = current();
    submitting = true;
  });
  window.addEventListener('beforeunload', (event) => {
    if (submitting || current() === saved) return;
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = '';
  });
}

for (const textarea of Array.from(document.querySelectorAll<HTMLTextAreaElement>('textarea[data-statement-editor]'))) enhance(textarea);
