-- The orders database is created by POSTGRES_DB; the notification service gets its own.
CREATE DATABASE notifications;
