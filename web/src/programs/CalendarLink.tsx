import { Button, CopyButton, Group, Text, TextInput } from '@mantine/core';

/**
 * The program's iCalendar feed for Outlook, Google or Apple Calendar. The address carries a key
 * instead of a sign-in, so it is treated like a password: shown in a read-only field to copy.
 */
export function CalendarLink({ url }: { url: string }) {
  return (
    <div>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label="Calendar subscription"
          description="Add it in your calendar app (“subscribe from web”). Anyone with this address sees the sessions: share it only with colleagues."
          readOnly
          value={url}
          style={{ flex: 1, minWidth: 0 }}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'filled' : 'light'} color={copied ? 'green.9' : undefined} onClick={copy} aria-label={copied ? 'Calendar address copied' : 'Copy the calendar address'}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        Calendar apps refresh it by themselves; cancelled sessions show as cancelled.
      </Text>
    </div>
  );
}
