import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

export interface ToolbarButton {
  /** The button's text, which is its accessible name. */
  label: string;
  /** As aria-keyshortcuts spells it ("Control+B"); shown in the tooltip as Ctrl+B. */
  shortcut?: string;
  /** Whether the button can act now (an unavailable one stays focusable, marked aria-disabled). */
  enabled(state: EditorState): boolean;
  /** For toggles (bold, lists): whether it is on where the cursor is (aria-pressed). */
  pressed?(state: EditorState): boolean;
  /** Acts; returns whether the focus should go back to the text (not when it opens a form). */
  run(view: EditorView): boolean;
}

/**
 * The formatting toolbar (WAI-ARIA toolbar pattern): one tab stop, the arrow keys, Home and End
 * move between its buttons (roving tabindex, the last one used is where Tab lands next time),
 * Escape goes back to the text. Buttons that cannot act are aria-disabled rather than disabled,
 * so that the focus never lands on nothing.
 */
export class Toolbar {
  readonly element: HTMLElement;
  private readonly buttons: HTMLButtonElement[] = [];

  constructor(
    private readonly specs: readonly ToolbarButton[],
    private readonly view: () => EditorView,
    editorId: string,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'remiss-editor__toolbar';
    this.element.setAttribute('role', 'toolbar');
    this.element.setAttribute('aria-label', 'Formatering');
    this.element.setAttribute('aria-controls', editorId);
    specs.forEach((spec, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'remiss-editor__button';
      button.textContent = spec.label;
      button.tabIndex = index === 0 ? 0 : -1;
      if (spec.shortcut) {
        button.setAttribute('aria-keyshortcuts', spec.shortcut);
        button.title = `${spec.label} (${spec.shortcut.replace('Control', 'Ctrl')})`;
      }
      // A click leaves the focus (and the selection) in the text.
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', () => this.activate(index));
      button.addEventListener('focus', () => this.makeCurrent(index));
      this.buttons.push(button);
      this.element.append(button);
    });
    this.element.addEventListener('keydown', (event) => this.onKeydown(event));
  }

  update(state: EditorState): void {
    this.specs.forEach((spec, index) => {
      const button = this.buttons[index];
      const enabled = spec.enabled(state);
      if (enabled) button.removeAttribute('aria-disabled');
      else button.setAttribute('aria-disabled', 'true');
      if (spec.pressed) button.setAttribute('aria-pressed', String(enabled && spec.pressed(state)));
    });
  }

  /** Alt+F10 from the text. */
  focus(): void {
    (this.buttons.find((button) => button.tabIndex === 0) ?? this.buttons[0]).focus();
  }

  private activate(index: number): void {
    const view = this.view();
    const spec = this.specs[index];
    if (!spec.enabled(view.state)) return;
    if (spec.run(view)) view.focus();
  }

  private makeCurrent(index: number): void {
    this.buttons.forEach((button, i) => (button.tabIndex = i === index ? 0 : -1));
  }

  private onKeydown(event: KeyboardEvent): void {
    const current = this.buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const last = this.buttons.length - 1;
    const target =
      event.key === 'ArrowRight' ? (current === last ? 0 : current + 1)
      : event.key === 'ArrowLeft' ? (current === 0 ? last : current - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : undefined;
    if (target !== undefined) {
      event.preventDefault();
      this.buttons[target].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.view().focus();
    }
  }
}
