/* open311_service.h: Open311 services (a gmina's categories) and their attributes. */
#ifndef RATUSZ_OPEN311_SERVICE_H
#define RATUSZ_OPEN311_SERVICE_H

#include <stdbool.h>

#include <jansson.h>

#include "db.h"
#include "lang.h"

/*
 * The categories offered as Open311 services, with the category as "c": public,
 * active leaves (no active subcategory), the ones report_create accepts.
 */
#define OPEN311_SERVICE_SQL \
	"(c.active = 1 AND c.is_public = 1 AND NOT EXISTS (SELECT 1 FROM report_category k" \
	" WHERE k.tenant_id = c.tenant_id AND k.parent_id = c.id AND k.active = 1))"

/*
 * Loads the service definition of code in the gmina: {service_code, attributes:
 * [{variable, code, datatype, required, datatype_description, order,
 * description, values: [{key, name}]}]} with texts in language l. Returns 1
 * with *definition (the caller owns it) and *category_id, 0 when code is no
 * Open311 service of the gmina, -1 on a database error.
 */
int	 open311_definition_load(struct db *, unsigned long long tenant_id,
	    const char *code, enum lang l, unsigned long long *category_id,
	    json_t **definition);

/* An attribute value that failed: its code, and the Msg.Open311 key of the reason. */
struct open311_attribute_error {
	char		 code[48];
	const char	*key;
};

/*
 * Adds one submitted "attribute[code]" (or "attribute[code][]" for a
 * multivaluelist) pair to values, checked against the definition's
 * attributes. Returns 0, or -1 with *err set.
 */
int	 open311_attribute_add(const json_t *definition, json_t *values,
	    const char *name, const char *value, struct open311_attribute_error *err);
/* Checks that values has every required attribute. 0, or -1 with *err set. */
int	 open311_attributes_complete(const json_t *definition, const json_t *values,
	    struct open311_attribute_error *err);

#endif
