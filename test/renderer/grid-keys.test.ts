// Keyboard in the grid: arrows, pages, jumps to the first and last row (clamped to the data); which keys edit a cell, open its record, undo and redo.
import { describe, expect, it } from 'vitest';
import { cellCommand, historyCommand, nextCursor, type KeyLike } from '../../renderer/src/grid/grid-keys';

const bounds = { rows: 1_000_000, cols: 12, pageRows: 20 };
const at = (row: number, col: number) => ({ row, col });

describe('nextCursor', () => {
  it.each<[string, KeyLike, { row: number; col: number }, { row: number; col: number } | null]>([
    ['↓ moves down', { key: 'ArrowDown' }, at(0, 0), at(1, 0)],
    ['↑ stops at row 1', { key: 'ArrowUp' }, at(0, 3), at(0, 3)],
    ['→ moves right', { key: 'ArrowRight' }, at(5, 3), at(5, 4)],
    ['→ stops at the last column', { key: 'ArrowRight' }, at(5, 11), at(5, 11)],
    ['← stops at the first column', { key: 'ArrowLeft' }, at(5, 0), at(5, 0)],
    ['PageDown moves a page', { key: 'PageDown' }, at(10, 2), at(30, 2)],
    ['PageDown stops at the last row', { key: 'PageDown' }, at(999_990, 2), at(999_999, 2)],
    ['PageUp stops at the first row', { key: 'PageUp' }, at(5, 2), at(0, 2)],
    ['Ctrl+End goes to the last row, same column', { key: 'End', ctrlKey: true }, at(7, 4), at(999_999, 4)],
    ['Ctrl+Home goes to the first row, same column', { key: 'Home', ctrlKey: true }, at(999_999, 4), at(0, 4)],
    ['⌘+End works like Ctrl+End', { key: 'End', metaKey: true }, at(0, 0), at(999_999, 0)],
    ['Ctrl+↓ goes to the last row', { key: 'ArrowDown', ctrlKey: true }, at(3, 1), at(999_999, 1)],
    ['Ctrl+→ goes to the last column', { key: 'ArrowRight', ctrlKey: true }, at(3, 1), at(3, 11)],
    ['Home goes to the first column', { key: 'Home' }, at(3, 6), at(3, 0)],
    ['End goes to the last column', { key: 'End' }, at(3, 6), at(3, 11)],
    ['Enter moves down', { key: 'Enter' }, at(3, 6), at(4, 6)],
    ['Shift+Enter moves up', { key: 'Enter', shiftKey: true }, at(3, 6), at(2, 6)],
    ['letters are not the grid’s', { key: 'a' }, at(3, 6), null],
    ['Tab leaves the grid', { key: 'Tab' }, at(3, 6), null],
    ['Alt+↓ is left to the system', { key: 'ArrowDown', altKey: true }, at(3, 6), null],
    ['an out-of-range cursor is pulled back in', { key: 'ArrowDown' }, at(2_000_000, 40), at(999_999, 11)],
  ])('%s', (_name, key, from, expected) => {
    expect(nextCursor(from, key, bounds)).toEqual(expected);
  });

  it('does nothing in an empty list', () => {
    expect(nextCursor(at(0, 0), { key: 'ArrowDown' }, { rows: 0, cols: 3, pageRows: 10 })).toBeNull();
  });
});

describe('cellCommand', () => {
  it('edits on Enter and F2, types over on a printable key or Backspace, opens the record on Space', () => {
    expect(cellCommand({ key: 'Enter' })).toEqual({ kind: 'edit' });
    expect(cellCommand({ key: 'F2' })).toEqual({ kind: 'edit' });
    expect(cellCommand({ key: 'a' })).toEqual({ kind: 'type', text: 'a' });
    expect(cellCommand({ key: 'Ä', shiftKey: true })).toEqual({ kind: 'type', text: 'Ä' });
    expect(cellCommand({ key: '😀' })).toEqual({ kind: 'type', text: '😀' });
    expect(cellCommand({ key: 'Backspace' })).toEqual({ kind: 'type', text: '' });
    expect(cellCommand({ key: ' ' })).toEqual({ kind: 'record' });
  });

  it('leaves shortcuts, navigation, Shift+Enter and IME composition alone', () => {
    expect(cellCommand({ key: 'c', ctrlKey: true })).toBeNull();
    expect(cellCommand({ key: 'z', metaKey: true })).toBeNull();
    expect(cellCommand({ key: 'a', altKey: true })).toBeNull();
    expect(cellCommand({ key: 'Enter', shiftKey: true })).toBeNull();
    expect(cellCommand({ key: 'ArrowDown' })).toBeNull();
    expect(cellCommand({ key: 'Tab' })).toBeNull();
    expect(cellCommand({ key: 'Escape' })).toBeNull();
    expect(cellCommand({ key: 'a', isComposing: true })).toBeNull();
  });
});

describe('historyCommand', () => {
  it('Ctrl/⌘+Z undoes; Ctrl/⌘+Shift+Z and Ctrl+Y redo', () => {
    expect(historyCommand({ key: 'z', ctrlKey: true })).toBe('undo');
    expect(historyCommand({ key: 'z', metaKey: true })).toBe('undo');
    expect(historyCommand({ key: 'Z', ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(historyCommand({ key: 'z', metaKey: true, shiftKey: true })).toBe('redo');
    expect(historyCommand({ key: 'y', ctrlKey: true })).toBe('redo');
    expect(historyCommand({ key: 'z' })).toBeNull();
    expect(historyCommand({ key: 'z', ctrlKey: true, altKey: true })).toBeNull();
  });
});
