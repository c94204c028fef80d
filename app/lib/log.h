/* log.h: one logging API for every program; lines go to stderr (journald under systemd). */
#ifndef RATUSZ_LOG_H
#define RATUSZ_LOG_H

enum log_level { LOG_LEVEL_ERROR, LOG_LEVEL_WARN, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG };

/* Sets the program name, the level below which lines are dropped and whether stderr is journald. */
void	 log_init(const char *program, enum log_level);
/* Sets the request id (or NULL) that prefixes every line until it is cleared. */
void	 log_set_request(const char *request_id);
void	 log_msg(enum log_level, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));

#define log_error(...)	log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif
