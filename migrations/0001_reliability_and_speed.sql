DROP INDEX `unit_progress_covering`;--> statement-breakpoint
ALTER TABLE `reports` ADD `event_key` text;--> statement-breakpoint
CREATE INDEX `outbox_chat_queue` ON `outbox` (`platform`,`chat_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `unit_progress_rebuilt` (
	`campaign_id` text NOT NULL,
	`day` text NOT NULL,
	`metric_key` text NOT NULL,
	`unit_code` text NOT NULL,
	`value` real NOT NULL,
	PRIMARY KEY(`campaign_id`, `day`, `metric_key`, `unit_code`)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `unit_progress_rebuilt` SELECT p.`campaign_id`, p.`day`, p.`metric_key`, p.`unit_code`, p.`value` FROM `unit_progress` p
  JOIN (SELECT `campaign_id`, max(`day`) AS `last` FROM `report_values` WHERE `active` = 1 GROUP BY `campaign_id`) f ON f.`campaign_id` = p.`campaign_id`
  WHERE p.`day` <= f.`last`;--> statement-breakpoint
DROP TABLE `unit_progress`;--> statement-breakpoint
ALTER TABLE `unit_progress_rebuilt` RENAME TO `unit_progress`;
