ALTER TABLE `reports` ADD `event_key` text;--> statement-breakpoint
CREATE INDEX `outbox_chat_queue` ON `outbox` (`platform`,`chat_id`) WHERE status = 'pending';