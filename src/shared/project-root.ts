import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding package.json: source files (views, styles) are read from there whether the
 * code runs from src/ through tsx or ts-jest, or compiled from dist/src/.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'src', 'web'))) return dir;
  }
  throw new Error(`No project root (package.json beside src/web) above ${from}`);
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
