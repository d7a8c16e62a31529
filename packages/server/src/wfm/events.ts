/** Domain events the WFM context records in the outbox. */
export const WfmEvents = {
  historyImported: 'wfm.history.imported',
  historyDerived: 'wfm.history.derived',
  forecastCreated: 'wfm.forecast.created',
  forecastStaffed: 'wfm.forecast.staffed',
  forecastApproved: 'wfm.forecast.approved',
  shiftTemplateSaved: 'wfm.shift_template.saved',
  shiftTemplateDeleted: 'wfm.shift_template.deleted',
  scheduleGenerated: 'wfm.schedule.generated',
  shiftEdited: 'wfm.shift.edited',
  scheduleSubmitted: 'wfm.schedule.submitted',
  scheduleRejected: 'wfm.schedule.rejected',
  schedulePublished: 'wfm.schedule.published',
} as const;
