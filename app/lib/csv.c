typedef int placeholder_unit;
