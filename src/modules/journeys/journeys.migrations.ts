import { t, type WharfMigration } from "../../platform/db/index.js";

export const journeysMigrations: WharfMigration[] = [
  {
    name: "20270406-01-journeys",
    async up(db) {
      // The unique constraints make a trigger replayed, or processed by two workers at once, enter
      // the contact once, and keep one active journey per (automation, contact, trigger key).
      await db.schema
        .createTable("journeys")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("automation_id", t.id, (c) => c.notNull())
        // The automation's version the journey started with: it keeps it until it ends.
        .addColumn("version", t.int, (c) => c.notNull())
        .addColumn("contact_id", t.id)
        .addColumn("wa_id", t.text, (c) => c.notNull())
        .addColumn("trigger_key", t.text, (c) => c.notNull())
        // The trigger key while the journey is active, its own id once it ended: a key runs once at a time.
        .addColumn("entry_key", t.text, (c) => c.notNull())
        // What entered it (an event id, a schedule tick): a trigger processed twice enters once.
        .addColumn("trigger_event_id", t.text, (c) => c.notNull())
        // Our phone number (pn_...) its messages go from: the number the contact wrote to, else theirs last, else the first active.
        .addColumn("phone_number_id", t.text)
        // active | completed | exited
        .addColumn("status", t.text, (c) => c.notNull())
        .addColumn("exit_reason", t.text)
        // The number of the step job that may run next (compare-and-set: a stale job finds another number).
        .addColumn("cursor", t.int, (c) => c.notNull())
        .addColumn("step_index", t.int, (c) => c.notNull())
        .addColumn("due_at", t.millis)
        // reply | delivered | read while a wait_for step waits, with the message it watches.
        .addColumn("waiting_for", t.text)
        .addColumn("waiting_message_id", t.id)
        .addColumn("conversation_id", t.id)
        .addColumn("context", t.json, (c) => c.notNull())
        .addColumn("entered_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addColumn("ended_at", t.millis)
        .addUniqueConstraint("journeys_entry", ["workspace_id", "automation_id", "wa_id", "entry_key"])
        .addUniqueConstraint("journeys_trigger", ["workspace_id", "automation_id", "trigger_event_id", "wa_id"])
        .execute();
      await db.schema
        .createIndex("journeys_contact")
        .on("journeys")
        .columns(["workspace_id", "wa_id", "status"])
        .execute();
      await db.schema
        .createIndex("journeys_waiting")
        .on("journeys")
        .columns(["workspace_id", "waiting_message_id"])
        .execute();
      await db.schema
        .createIndex("journeys_automation")
        .on("journeys")
        .columns(["workspace_id", "automation_id", "status", "id"])
        .execute();
    },
  },
  {
    name: "20270406-02-journey-steps",
    async up(db) {
      // A journey's timeline: one row per step run (its number is the journey's cursor when it ran).
      await db.schema
        .createTable("journey_steps")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("journey_id", t.id, (c) => c.notNull())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("automation_id", t.id, (c) => c.notNull())
        .addColumn("seq", t.int, (c) => c.notNull())
        .addColumn("step_id", t.text, (c) => c.notNull())
        .addColumn("kind", t.text, (c) => c.notNull())
        // running (a send was started) | done | skipped | failed
        .addColumn("status", t.text, (c) => c.notNull())
        .addColumn("outcome", t.text)
        // For a send that fell back to its template: which one went, chosen once (a retry keeps it).
        .addColumn("variant", t.text)
        .addColumn("message_id", t.id)
        .addColumn("message_status", t.text)
        .addColumn("detail", t.json)
        .addColumn("at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addUniqueConstraint("journey_steps_run", ["journey_id", "seq"])
        .execute();
      await db.schema
        .createIndex("journey_steps_message")
        .on("journey_steps")
        .columns(["workspace_id", "message_id"])
        .execute();
      await db.schema
        .createIndex("journey_steps_automation")
        .on("journey_steps")
        .columns(["workspace_id", "automation_id", "step_id"])
        .execute();
    },
  },
  {
    name: "20270406-03-journey-sends",
    async up(db) {
      // Automation messages per contact (any automation), for the daily cap: the last 24 hours are
      // counted under a lock on the contact's row of journey_send_locks, so two workers cannot both
      // take the last one.
      await db.schema
        .createTable("journey_sends")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("wa_id", t.text, (c) => c.notNull())
        .addColumn("step_run_id", t.text, (c) => c.notNull())
        .addColumn("at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("journey_sends_pk", ["workspace_id", "wa_id", "step_run_id"])
        .execute();
      await db.schema
        .createIndex("journey_sends_at")
        .on("journey_sends")
        .columns(["workspace_id", "wa_id", "at"])
        .execute();
      await db.schema
        .createTable("journey_send_locks")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("wa_id", t.text, (c) => c.notNull())
        .addColumn("taken", t.int, (c) => c.notNull())
        .addPrimaryKeyConstraint("journey_send_locks_pk", ["workspace_id", "wa_id"])
        .execute();
    },
  },
  {
    name: "20270501-01-journey-schedule-ticks",
    async up(db) {
      // One row per (schedule automation, fire time) that fired: the sweep inserts it and queues
      // the fan-out in one transaction, so two sweeps (or two workers) fire a tick once.
      await db.schema
        .createTable("journey_schedule_ticks")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("automation_id", t.id, (c) => c.notNull())
        .addColumn("tick_at", t.millis, (c) => c.notNull())
        .addColumn("version", t.int, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("journey_schedule_ticks_pk", ["workspace_id", "automation_id", "tick_at"])
        .execute();
    },
  },
];
