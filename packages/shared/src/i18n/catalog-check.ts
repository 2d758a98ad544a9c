import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** The placeholders of an ICU message as `name:kind` ("program:argument", "count:plural"), nested ones included. */
export function placeholdersOf(message: string): string[] {
  const found = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
          found.add(`${element.value}:argument`);
          break;
        case TYPE.number:
          found.add(`${element.value}:number`);
          break;
        case TYPE.date:
        case TYPE.time:
          found.add(`${element.value}:date`);
          break;
        case TYPE.plural:
          found.add(`${element.value}:plural`);
          for (const option of Object.values(element.options)) visit(option.value);
          break;
        case TYPE.select:
          found.add(`${element.value}:select`);
          for (const option of Object.values(element.options)) visit(option.value);
          break;
        case TYPE.tag:
          found.add(`<${element.value}>:tag`);
          visit(element.children);
          break;
        default:
          break;
      }
    }
  };
  visit(parse(message));
  return [...found].sort();
}

/**
 * What is wrong with a catalog measured against the reference one (English): keys missing or
 * unknown, messages that are empty or do not parse as ICU MessageFormat, and placeholders that
 * differ from the reference's. Empty when the catalog is complete.
 */
export function catalogProblems(
  reference: Readonly<Record<string, string>>,
  catalog: Readonly<Record<string, unknown>>,
): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(reference)) {
    if (!(key in catalog)) problems.push(`${key}: missing`);
  }
  for (const [key, message] of Object.entries(catalog)) {
    if (!(key in reference)) {
      problems.push(`${key}: not in the reference catalog`);
      continue;
    }
    if (typeof message !== 'string' || message.trim() === '') {
      problems.push(`${key}: empty`);
      continue;
    }
    let theirs: string[];
    try {
      theirs = placeholdersOf(message);
    } catch (error) {
      problems.push(`${key}: not ICU MessageFormat (${(error as Error).message})`);
      continue;
    }
    const ours = placeholdersOf(reference[key]);
    if (theirs.join() !== ours.join())
      problems.push(
        `${key}: placeholders ${theirs.join(', ') || 'none'} where the reference has ${ours.join(', ') || 'none'}`,
      );
  }
  return problems;
}
