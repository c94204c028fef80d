/* setup_check.c: rules for the names, codes and addresses of a gmina's office setup. */
#include "config.h"

#include <string.h>

#include "setup_check.h"
#include "text.h"

static const char *const datatypes[] = { "string", "number", "datetime", "text",
	"singlevaluelist", "multivaluelist", NULL };

bool
setup_code_ok(const char *s)
{
	size_t	 len = strlen(s);

	return len >= 1 && len <= SETUP_CODE_MAX &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == len;
}

bool
setup_email_ok(const char *s)
{
	const char	*at = strchr(s, '@');
	size_t		 len = strlen(s);

	return len <= 254 && at != NULL && at != s && strchr(at + 1, '@') == NULL &&
	    strchr(at + 1, '.') != NULL && at[1] != '.' && s[len - 1] != '.' &&
	    strpbrk(s, " \t\r\n<>\"'(),;:\\[]") == NULL && utf8_valid(s, len);
}

bool
setup_text_ok(const char *s, size_t max, bool may_be_empty, bool multiline)
{
	const unsigned char	*p;
	size_t			 len = strlen(s), chars;

	if (!utf8_valid(s, len))
		return false;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 || *p == 0x7f) &&
		    !(multiline && (*p == '\n' || *p == '\r' || *p == '\t')))
			return false;
	chars = utf8_length(s);
	return chars <= max && (may_be_empty || chars > 0);
}

bool
setup_datatype_ok(const char *s)
{
	size_t	 i;

	for (i = 0; datatypes[i] != NULL; i++)
		if (strcmp(s, datatypes[i]) == 0)
			return true;
	return false;
}

bool
setup_datatype_is_list(const char *s)
{
	return strcmp(s, "singlevaluelist") == 0 || strcmp(s, "multivaluelist") == 0;
}
