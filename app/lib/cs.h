/* cs.h: the one place that includes ClearSilver, whose cs_config.h redefines PACKAGE_*. */
#ifndef RATUSZ_CS_H
#define RATUSZ_CS_H

#include "config.h"
#undef PACKAGE
#undef PACKAGE_BUGREPORT
#undef PACKAGE_NAME
#undef PACKAGE_STRING
#undef PACKAGE_TARNAME
#undef PACKAGE_URL
#undef PACKAGE_VERSION
#undef VERSION
#include <ClearSilver.h>

#endif
