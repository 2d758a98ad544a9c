import { Modal } from '@mantine/core';
import { useState } from 'react';
import { ownerLabel, useColleagues } from '../api/queries';
import { useCurrentUser } from '../auth/useSession';
import { formatDue } from '../common/format';
import { VersionedEditForm } from '../forms/VersionedEditForm';
import { useVersionedEdit } from '../forms/useVersionedEdit';
import { useOrganizationNames, useProgramOptions } from '../visits/outreach-data';
import { TASK_FIELD_LABELS, TASK_PROBLEM_OPTIONS, taskChanges, taskFormValues } from './task-form';
import type { Task } from './task-groups';
import { TaskFields, useTaskForm } from './TaskFields';
import { fetchTask, saveTaskChanges, useRefreshTaskViews } from './tasks-queries';

/**
 * Edits a follow-up: re-date it, reassign it to a colleague, change what it says or which partner
 * and program it is for. Only what changed is sent, with the version read; a colleague's save in
 * between is shown, with what was typed kept.
 */
export function EditTaskModal({
  task,
  onClose,
  onSaved,
}: {
  task: Task;
  onClose: () => void;
  onSaved?: (task: Task) => void;
}) {
  return (
    <Modal
      opened
      onClose={onClose}
      title="Edit follow-up"
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
      styles={{ title: { fontWeight: 700 } }}
    >
      <EditTaskForm task={task} onDone={onClose} onSaved={onSaved} />
    </Modal>
  );
}

function EditTaskForm({ task, onDone, onSaved }: { task: Task; onDone: () => void; onSaved?: (task: Task) => void }) {
  const refreshTaskViews = useRefreshTaskViews();
  const [initial] = useState(() => taskFormValues(task));
  const form = useTaskForm(initial);
  const edit = useVersionedEdit({
    record: task,
    form,
    noun: 'follow-up',
    toValues: taskFormValues,
    changes: taskChanges,
    patch: (body) => saveTaskChanges(task.id, body),
    load: () => fetchTask(task.id),
    onSaved: async (saved) => {
      onSaved?.(saved);
      onDone();
      await refreshTaskViews([task.organizationId, saved.organizationId]);
    },
    onUnchanged: onDone,
    onConflict: () => refreshTaskViews(),
    problem: TASK_PROBLEM_OPTIONS,
  });
  const valueText = useTaskValueText(edit.conflict?.theirs);

  return (
    <VersionedEditForm
      edit={edit}
      onSubmit={form.onSubmit(edit.submit)}
      onCancel={onDone}
      noun="follow-up"
      labels={TASK_FIELD_LABELS}
      valueText={valueText}
    >
      <TaskFields
        form={form}
        mode="edit"
        savedAssigneeId={task.assigneeId}
        savedVisit={task.visitId ? { id: task.visitId, organizationId: task.organizationId } : null}
      />
    </VersionedEditForm>
  );
}

/** A field of a colleague's version of the follow-up, in words. */
function useTaskValueText(theirs: Task | undefined) {
  const user = useCurrentUser();
  const colleagues = useColleagues();
  const programs = useProgramOptions();
  const names = useOrganizationNames(theirs?.organizationId ? [theirs.organizationId] : []);
  return (field: string): string => {
    if (!theirs) return '';
    switch (field) {
      case 'title':
        return theirs.title;
      case 'dueAt':
        return formatDue(theirs.dueAt);
      case 'assigneeId':
        return ownerLabel(theirs.assigneeId, user, colleagues.data);
      case 'organizationId':
        return theirs.organizationId ? (names.get(theirs.organizationId) ?? 'a partner') : 'none';
      case 'programId':
        return theirs.programId
          ? (programs.data?.find((program) => program.id === theirs.programId)?.name ?? 'a program')
          : 'none';
      case 'visitId':
        return theirs.visitId ? 'linked to a visit' : 'not linked to a visit';
      default:
        return '';
    }
  };
}
