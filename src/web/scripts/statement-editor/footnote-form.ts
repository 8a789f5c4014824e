import { NodeSelection, TextSelection, type EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { editorSchema } from '../../../statements/editor/schema';

const MAX_FOOTNOTE = 2_000;

/** The footnote the selection is on, if it is one (then Fotnot edits its text). */
export function selectedFootnote(state: EditorState): { pos: number; text: string } | undefined {
  const selection = state.selection;
  if (selection instanceof NodeSelection && selection.node.type === editorSchema.nodes.footnote) {
    return { pos: selection.from, text: String(selection.node.attrs.text) };
  }
  return undefined;
}

/** Whether a footnote can stand where the cursor is (in a paragraph or list item, not in a sub-heading). */
export function canInsertFootnote(state: EditorState): boolean {
  if (selectedFootnote(state)) return true;
  const { $to } = state.selection;
  return $to.parent.canReplaceWith($to.index(), $to.index(), editorSchema.nodes.footnote);
}

/**
 * A small form under the toolbar for a footnote's text ("Fotnottext"), instead of a prompt
 * window: a labelled field, a message if it is left empty, Enter to insert, Escape to cancel. It
 * is not a <form> of its own (forms do not nest): Enter is kept from submitting the page's form.
 */
export class FootnoteForm {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly error: HTMLElement;
  private readonly group: HTMLElement;
  private readonly submit: HTMLButtonElement;
  private editing: number | undefined;

  constructor(
    id: string,
    private readonly view: () => EditorView,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'remiss-editor__footnote-form';
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', 'Fotnot');
    this.element.hidden = true;
    this.group = document.createElement('div');
    this.group.className = 'govuk-form-group';
    const label = document.createElement('label');
    label.className = 'govuk-label';
    label.htmlFor = `${id}-footnote`;
    label.textContent = 'Fotnottext';
    this.error = document.createElement('p');
    this.error.className = 'govuk-error-message';
    this.error.id = `${id}-footnote-error`;
    this.error.hidden = true;
    this.input = document.createElement('input');
    this.input.className = 'govuk-input';
    this.input.type = 'text';
    this.input.id = `${id}-footnote`;
    this.input.maxLength = MAX_FOOTNOTE;
    this.input.autocomplete = 'off';
    const buttons = document.createElement('div');
    buttons.className = 'govuk-button-group';
    this.submit = this.button('Infoga fotnot', 'govuk-button', () => this.apply());
    buttons.append(this.submit, this.button('Avbryt', 'govuk-button govuk-button--secondary', () => this.close()));
    this.group.append(label, this.error, this.input);
    this.element.append(this.group, buttons);
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.apply();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      }
    });
  }

  open(): void {
    const footnote = selectedFootnote(this.view().state);
    this.editing = footnote?.pos;
    this.input.value = footnote?.text ?? '';
    this.submit.textContent = footnote ? 'Spara fotnot' : 'Infoga fotnot';
    this.showError(undefined);
    this.element.hidden = false;
    this.input.focus();
  }

  close(): void {
    this.element.hidden = true;
    this.showError(undefined);
    this.view().focus();
  }

  private apply(): void {
    const text = this.input.value.trim();
    if (!text) return this.showError('Skriv fotnotens text');
    const view = this.view();
    const tr = view.state.tr;
    if (this.editing !== undefined && view.state.doc.nodeAt(this.editing)?.type === editorSchema.nodes.footnote) {
      tr.setNodeMarkup(this.editing, undefined, { text });
    } else {
      // After the selected text, not instead of it: a footnote is a note on what was marked.
      const at = view.state.selection.to;
      tr.insert(at, editorSchema.nodes.footnote.create({ text }));
      tr.setSelection(TextSelection.create(tr.doc, at + 1));
    }
    view.dispatch(tr.scrollIntoView());
    this.close();
  }

  private showError(message: string | undefined): void {
    this.error.hidden = !message;
    this.error.textContent = '';
    if (message) {
      const hidden = document.createElement('span');
      hidden.className = 'govuk-visually-hidden';
      hidden.textContent = 'Fel: ';
      this.error.append(hidden, message);
      this.input.setAttribute('aria-describedby', this.error.id);
      this.input.setAttribute('aria-invalid', 'true');
      this.input.focus();
    } else {
      this.input.removeAttribute('aria-describedby');
      this.input.removeAttribute('aria-invalid');
    }
    this.group.classList.toggle('govuk-form-group--error', !!message);
    this.input.classList.toggle('govuk-input--error', !!message);
  }

  private button(text: string, className: string, onClick: () => void): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = className;
    button.textContent = text;
    button.addEventListener('click', onClick);
    return button;
  }
}
