import { Badge, Select, type SelectProps } from '@mantine/core';
import { LANGUAGE_TAGS, SUPPORTED_LANGUAGES } from '@tandem/shared';
import { useLibrarySettings } from './library-queries';

/** A language by its own name ("Español"); a tag Tandem no longer speaks as the tag itself. */
export function languageName(tag: string): string {
  return (SUPPORTED_LANGUAGES as Record<string, string>)[tag] ?? tag;
}

/**
 * The languages to choose from: those the library offers (all Tandem speaks until its settings
 * have loaded, or when they cannot be read: the server has the last word), and `current`
 * too when the library no longer offers it, so an edit can keep it.
 */
export function languageChoices(offered: readonly string[] | undefined, current: string): string[] {
  const choices: string[] = [...(offered ?? LANGUAGE_TAGS)];
  if (current && !choices.includes(current)) choices.push(current);
  return choices;
}

/**
 * The language a program's public side or a contact's emails are in. An empty value means the
 * library's default (the server fills it in on create), shown as that language once the
 * settings have loaded.
 */
export function LanguageSelect({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & { value: string; onChange: (value: string) => void }) {
  const settings = useLibrarySettings();
  const shown = value || settings.data?.defaultLanguage || '';
  return (
    <Select
      {...props}
      data={languageChoices(settings.data?.languages, shown).map((tag) => ({ value: tag, label: languageName(tag) }))}
      value={shown || null}
      onChange={(next) => onChange(next ?? '')}
      allowDeselect={false}
      placeholder="The library’s default"
    />
  );
}

/**
 * A small badge naming the language in itself ("Español") when it is not the library's default;
 * nothing for the default, for no language (not known), or while the settings load (English is
 * taken as the default should they fail).
 */
export function LanguageBadge({ language }: { language: string | null | undefined }) {
  // Most things shown have no language or the default one: only a language asks for the settings.
  return language ? <NamedLanguageBadge language={language} /> : null;
}

function NamedLanguageBadge({ language }: { language: string }) {
  const settings = useLibrarySettings();
  if (settings.isPending || language === (settings.data?.defaultLanguage ?? 'en')) return null;
  return (
    <Badge variant="light" color="grape" size="sm" tt="none" lang={language}>
      {languageName(language)}
    </Badge>
  );
}
