/* check.c - helpers shared by the built-in checks. */
#include "check.h"

long check_register(registry *reg, const char *id, mtl_severity level, mtl_category cat,
                    const char *description, mtl_diags *diags) {
    mtl_rule_info ri = {.id = id, .kind = "builtin", .level = level, .category = cat,
                        .entries = 1, .scope = "text", .description = description,
                        .path = "(built-in)", .enabled = true};
    long r = reg_add(reg, &ri);
    if (r < 0) mtl_diags_add(diags, "%s: rule id registered twice", id);
    return r;
}

const char *check_dict_dir(const mtl_config *cfg) {
    if (cfg->dict_dir) return cfg->dict_dir;
#ifdef MTL_DATADIR
    return MTL_DATADIR "/dictionaries";
#else
    return NULL;
#endif
}

check_example check_example_own(const check_example *from, size_t rule, const char *path, size_t row) {
    check_example ex = *from;
    ex.rule = rule;
    ex.path = path;
    ex.line = row;
    return ex;
}
