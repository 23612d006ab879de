CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`definition` text NOT NULL,
	`source_file` text,
	`active` integer DEFAULT true NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `chats` (
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`purpose` text DEFAULT 'reports' NOT NULL,
	`title` text,
	`bound_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`platform`, `chat_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bound_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `faq_stats` (
	`topic` text PRIMARY KEY NOT NULL,
	`asked` integer DEFAULT 0 NOT NULL,
	`helpful` integer DEFAULT 0 NOT NULL,
	`unhelpful` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`campaign_id` text NOT NULL,
	`job` text NOT NULL,
	`day` text NOT NULL,
	`status` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `job`, `day`)
);
--> statement-breakpoint
CREATE TABLE `join_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`created_by` integer,
	`expires_at` integer NOT NULL,
	`revoked` integer DEFAULT false NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`platform_user_id` text NOT NULL,
	`display_name` text DEFAULT '' NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`locale` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_platform_user` ON `members` (`platform`,`platform_user_id`);--> statement-breakpoint
CREATE TABLE `metrics` (
	`campaign_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`type` text NOT NULL,
	`mode` text NOT NULL,
	`better` text DEFAULT 'higher' NOT NULL,
	`position` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`campaign_id`, `key`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notices` (
	`scope` text NOT NULL,
	`kind` text NOT NULL,
	`day` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`scope`, `kind`, `day`)
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`payload` text NOT NULL,
	`dedupe_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `phases` (
	`campaign_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`position` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`campaign_id`, `key`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `processed_events` (
	`platform` text NOT NULL,
	`event_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`platform`, `event_id`)
);
--> statement-breakpoint
CREATE TABLE `registration_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`decided_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `report_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`day` text NOT NULL,
	`metric_key` text NOT NULL,
	`kind` text NOT NULL,
	`value` real NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`current` integer DEFAULT true NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_values_progress` ON `report_values` (`campaign_id`,`metric_key`,`unit_code`,`day`) WHERE active = 1;--> statement-breakpoint
CREATE INDEX `report_values_report` ON `report_values` (`report_id`);--> statement-breakpoint
CREATE INDEX `report_values_key` ON `report_values` (`campaign_id`,`unit_code`,`day`,`metric_key`,`kind`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`unit_code` text,
	`day` text NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`message_id` text NOT NULL,
	`sender_id` text NOT NULL,
	`sender_name` text DEFAULT '' NOT NULL,
	`member_id` integer,
	`raw_text` text NOT NULL,
	`sent_at` integer NOT NULL,
	`status` text NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_source` ON `reports` (`platform`,`chat_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `reports_campaign_day` ON `reports` (`campaign_id`,`day`,`status`,`unit_code`);--> statement-breakpoint
CREATE INDEX `reports_campaign_unit_day` ON `reports` (`campaign_id`,`unit_code`,`day`);--> statement-breakpoint
CREATE TABLE `targets` (
	`campaign_id` text NOT NULL,
	`metric_key` text NOT NULL,
	`phase_key` text DEFAULT '' NOT NULL,
	`unit_code` text DEFAULT '' NOT NULL,
	`amount` real,
	`percent_of_eligible` real,
	PRIMARY KEY(`campaign_id`, `metric_key`, `phase_key`, `unit_code`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `unit_progress` (
	`campaign_id` text NOT NULL,
	`day` text NOT NULL,
	`metric_key` text NOT NULL,
	`unit_code` text NOT NULL,
	`value` real NOT NULL,
	PRIMARY KEY(`campaign_id`, `day`, `metric_key`, `unit_code`)
);
--> statement-breakpoint
CREATE INDEX `unit_progress_covering` ON `unit_progress` (`campaign_id`,`day`,`metric_key`,`unit_code`,`value`);--> statement-breakpoint
CREATE TABLE `unit_reporters` (
	`member_id` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`member_id`, `campaign_id`, `unit_code`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_reporters_unit` ON `unit_reporters` (`campaign_id`,`unit_code`);--> statement-breakpoint
CREATE TABLE `units` (
	`campaign_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent` text,
	`eligible` integer,
	`position` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`campaign_id`, `code`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
