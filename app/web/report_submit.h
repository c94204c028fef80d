/* report_submit.h: the resident's report form, its category fields, "me too" and e-mail links. */
#ifndef RATUSZ_REPORT_SUBMIT_H
#define RATUSZ_REPORT_SUBMIT_H

#include <stdbool.h>
#include <time.h>

#include "db.h"
#include "pages.h"
#include "token.h"

struct _hdf;

/* Open reports of the same category within this distance are offered before sending. */
#define NEARBY_METRES		150
#define NEARBY_MAX		10
/* Lifetime of the links that confirm a report or a follow made by e-mail, in seconds. */
#define REPORT_CONFIRM_SECONDS	(7 * 86400L)
/* E-mails with confirmation links per client address in RATE_WINDOW_SECONDS. */
#define RATE_REPORT_MAIL_PER_ADDRESS	10
/* Reports sent, and "me too" follows added, per account and per client address. */
#define RATE_REPORTS_PER_ACCOUNT	30
#define RATE_REPORTS_PER_ADDRESS	60
#define RATE_FOLLOWS_PER_ACCOUNT	30
#define RATE_FOLLOWS_PER_ADDRESS	60
#define REPORT_NAME_MAX		100
#define CATEGORY_FIELDS_MAX	16
#define REPORT_PHOTOS_MAX	5

/* The gmina named by the path's "gmina" argument. */
struct gmina_ref {
	unsigned long long id;
	char		 terc[8];
	char		 name[101];
};

/* Loads the gmina of the path; 1 found, 0 with r->status 404, -1 with 503. */
int	 submit_gmina(struct request *, struct app *, struct gmina_ref *);

/*
 * A leaf category of a gmina with its extra fields, as the form shows and
 * checks them. The strings point into the results, freed by category_free.
 */
struct category_field {
	unsigned long long id;
	const char	*code, *datatype, *label, *help;
	bool		 required;
	size_t		 first_value, value_count;	/* rows of category.values */
};

struct category {
	unsigned long long id;
	const char	*name, *help;
	bool		 is_public;
	struct category_field fields[CATEGORY_FIELDS_MAX];
	size_t		 field_count;
	struct db_result head, field_rows, values;	/* value rows: field id, key, name */
};

/*
 * Loads an active leaf category of the gmina in the request's language.
 * Returns 1, 0 when it is not a leaf of this gmina, -1 on a database error.
 */
int	 category_load(struct app *, enum lang, unsigned long long tenant_id,
	    unsigned long long id, struct category *);
void	 category_free(struct category *);

/* Sets P.Leaves: every leaf category of the gmina, for a form whose category is gone. */
int	 category_leaves(struct app *, struct _hdf *, enum lang, unsigned long long tenant_id);
/* Sets P.Tree: the children of parent_id (0: the top level), groups and leaves. */
int	 category_tree(struct app *, struct _hdf *, enum lang, unsigned long long tenant_id,
	    unsigned long long parent_id);

/*
 * Reads the category's fields from the POST body, checks them (required, number,
 * datetime, list values) and sets P.Fields for the form with the values as typed
 * and a Polish or English error beside each wrong one. On success *json gets the
 * attributes as a JSON object (free it), or NULL when no field has a value.
 * Returns the number of wrong fields, or -1 when the body cannot be read.
 */
int	 category_fields_read(struct request *, const struct category *, struct _hdf *,
	    char **json);
/* Sets P.Fields of an empty form. */
void	 category_fields_show(const struct category *, struct _hdf *);

/* Sets P.Nearby: open public reports of the category near the place. Returns the count or -1. */
struct place {
	bool		 has_position;
	double		 lat, lon;
	unsigned long long point_id;	/* 0: none */
};
int	 nearby_list(struct app *, struct _hdf *, const struct gmina_ref *,
	    unsigned long long category_id, const struct place *);

/*
 * Stores a one-time link (only its SHA-256) for an e-mail author ("report") or
 * follower ("follow") and queues the e-mail carrying it. Inside the caller's
 * transaction. Returns 0 or -1.
 */
int	 confirm_link_send(struct request *, struct app *, const struct gmina_ref *,
	    unsigned long long report_id, unsigned long long follower_id,
	    const char *purpose, const char *email);

/* The photo field of the form: up to REPORT_PHOTOS_MAX files of REQ_MAX_PHOTO_BYTES. */
extern const struct file_spec report_form_files[];

/* Photos of a new report, re-encoded and stored on disk, not yet in the database. */
struct report_photos {
	struct {
		char		 token[TOKEN_LEN + 1];
		unsigned	 width, height;
		size_t		 bytes;
	} items[REPORT_PHOTOS_MAX];
	size_t		 count;
};

/* Whether the request carried photos (or broke a photo limit), which a shown form loses. */
bool	 report_photos_attached(const struct request *);
/*
 * Checks what can be checked without decoding (the limits of the upload, the
 * type of each file) and sets P.Errors.Photos for the first problem, so that a
 * form shown again for other errors names a wrong file too. Returns whether
 * all photos passed.
 */
bool	 report_photos_check(struct request *, struct _hdf *);
/*
 * Re-encodes the request's photos without metadata and stores them. Returns 0,
 * 1 with P.Errors.Photos and P.Errors.PhotoText set when a photo is rejected
 * (nothing stays stored), or -1 when storing failed.
 */
int	 report_photos_prepare(struct request *, struct app *, struct _hdf *,
	    struct report_photos *);
/* Adds the report_photo rows inside the report's transaction; 0 or -1. */
int	 report_photos_insert(struct request *, struct app *, unsigned long long tenant_id,
	    unsigned long long report_id, const struct report_photos *);
/* Deletes the stored files of photos that no report took. */
void	 report_photos_discard(struct app *, struct report_photos *);

/* Checks an e-mail address; writes its lower-case key. */
bool	 submit_email_ok(const char *email, char key[255]);

#endif
