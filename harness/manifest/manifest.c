/* manifest.c: the Lua manifest loader (the only file that includes lua.h).
 *
 * The manifest runs in a fresh lua_State with only base, string, table and
 * math opened, as text only, under a fresh _ENV that holds a few safe
 * globals plus the constructors scenario{}, variant{}, chart{} and
 * finding{}.  The constructors stamp each table with the line it was written
 * on, so a field error found later still names its line.  Loading, running
 * and copying into C structs all happen inside one lua_pcall; every error
 * comes back as a message and the state is closed either way.
 */
#include "manifest.h"

#include "items.h"
#include "manifest_eval.h"
#include "measures.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>

#define MANIFEST_HOOK_EVERY 1000
#define MANIFEST_DEFAULT_TOLERANCE 1e-9
#define MANIFEST_DEFAULT_TIMEOUT 120.0
#define MANIFEST_DEFAULT_MEMORY_MB 4096
#define MANIFEST_MIN_MEMORY_MB 32
#define MANIFEST_MAX_PARTS 64

typedef struct loader {
    const char *path;
    gb_manifest *m;
    size_t used;   /* bytes the Lua state holds */
    size_t cap;    /* the most it may hold */
    long budget;   /* hook calls left */
    long budget0;  /* and at the start */
    double seconds; /* the soft time limit (0: none) */
} loader;

const manifest_limits manifest_default_limits = {16u << 20, 20000, 0.8};

static const char *const profile_names[GB_PROFILE_COUNT] = {"smoke", "quick", "full"};

/* ---- the sandbox ------------------------------------------------------- */

static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    loader *ld = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        ld->used -= old;
        return NULL;
    }
    if (nsize > old && ld->used - old + nsize > ld->cap)
        return NULL;
    void *p = realloc(ptr, nsize);
    if (p)
        ld->used = ld->used - old + nsize;
    return p;
}

static int current_line(lua_State *L, int level)
{
    lua_Debug ar;
    if (lua_getstack(L, level, &ar) && lua_getinfo(L, "l", &ar))
        return ar.currentline;
    return 0;
}

static loader *loader_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* The soft time limit.  The instruction hook counts Lua instructions, but
 * `s = s .. x` in a loop costs time quadratic in the count, so a timer
 * (SIGALRM) also arms the hook to fire at the very next instruction, as
 * lua.c does for Ctrl-C; lua_sethook is safe in a signal handler.  A signal
 * handler has no argument, hence this one static: the state being run. */
static lua_State *volatile timed_state;
static volatile sig_atomic_t timed_out;

static void budget_hook(lua_State *L, lua_Debug *ar);

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
    if (timed_state)
        lua_sethook(timed_state, budget_hook, LUA_MASKCOUNT, 1);
}

static void arm_timer(lua_State *L, double seconds)
{
    if (seconds <= 0)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    timed_out = 0;
    timed_state = L;
    struct itimerval t = {{0, 0}, {(time_t)seconds, (suseconds_t)((seconds - (time_t)seconds) * 1e6)}};
    setitimer(ITIMER_REAL, &t, NULL);
}

static void disarm_timer(double seconds)
{
    if (seconds <= 0)
        return;
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    timed_state = NULL;
}

static void budget_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    loader *ld = loader_of(L);
    if (timed_out) {
        lua_pushfstring(L, "%s:%d: the manifest ran for over %d ms (an endless loop?)", ld->path,
                        current_line(L, 0), (int)(ld->seconds * 1000));
        lua_error(L);
    }
    if (--ld->budget > 0)
        return;
    lua_pushfstring(L, "%s:%d: instruction budget of %d million exhausted (an endless loop?)",
                    ld->path, current_line(L, 0), (int)(ld->budget0 / 1000));
    lua_error(L);
}

/* string.rep, with its result's size checked first: the library's own
 * loop runs n times even when the result is empty, so rep("", 1e15) would
 * spin for days inside one C call, where no hook can stop it. */
static int guarded_rep(lua_State *L)
{
    size_t len, seplen;
    luaL_checklstring(L, 1, &len);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &seplen);
    loader *ld = loader_of(L);
    if (n <= 0 || len + seplen == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    if ((lua_Unsigned)n > ld->cap / (len + seplen))
        return luaL_error(L, "%s:%d: string.rep: the result would be over %d MiB",
                          ld->path, current_line(L, 1), (int)(ld->cap >> 20));
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static void guard_string_library(lua_State *L)
{
    lua_getglobal(L, "string");
    lua_getfield(L, -1, "rep");
    lua_pushcclosure(L, guarded_rep, 1);
    lua_setfield(L, -2, "rep");
    lua_pop(L, 1);
}

/* Raises "<file>:<line>: <owner>: <message>". */
static int fail_at(lua_State *L, int line, const char *owner, const char *fmt, ...)
{
    char msg[GB_TEXT_LEN * 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lua_pushfstring(L, "%s:%d: %s: %s", loader_of(L)->path, line, owner, msg);
    return lua_error(L);
}

/* variant{}, chart{}, finding{}: stamp the table with its line and kind. */
static int construct(lua_State *L, const char *part)
{
    int line = current_line(L, 1);
    if (!lua_istable(L, 1))
        return fail_at(L, line, part, "expects a table: %s { ... }", part);
    lua_pushinteger(L, line);
    lua_setfield(L, 1, "__line");
    lua_pushstring(L, part);
    lua_setfield(L, 1, "__part");
    lua_settop(L, 1);
    return 1;
}

static int lua_variant(lua_State *L) { return construct(L, "variant"); }
static int lua_chart(lua_State *L) { return construct(L, "chart"); }
static int lua_finding(lua_State *L) { return construct(L, "finding"); }
static int lua_metric(lua_State *L) { return construct(L, "metric"); }

static int lua_scenario(lua_State *L)
{
    construct(L, "scenario");
    if (lua_getfield(L, LUA_REGISTRYINDEX, "gb_scenario") != LUA_TNIL)
        return fail_at(L, current_line(L, 1), "scenario", "scenario {} is called twice");
    lua_pop(L, 1);
    lua_pushvalue(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "gb_scenario");
    return 0;
}

/* A fresh _ENV: safe base functions, the libraries, the constructors. */
static void push_environment(lua_State *L)
{
    static const char *const safe[] = {"assert", "error", "ipairs", "next", "pairs", "select",
                                       "tonumber", "tostring", "type", "string", "table",
                                       "math", NULL};
    lua_newtable(L);
    for (int i = 0; safe[i]; i++) {
        lua_getglobal(L, safe[i]);
        lua_setfield(L, -2, safe[i]);
    }
    lua_register(L, "scenario", lua_scenario);
    lua_getglobal(L, "scenario");
    lua_setfield(L, -2, "scenario");
    lua_pushcfunction(L, lua_variant);
    lua_setfield(L, -2, "variant");
    lua_pushcfunction(L, lua_chart);
    lua_setfield(L, -2, "chart");
    lua_pushcfunction(L, lua_finding);
    lua_setfield(L, -2, "finding");
    lua_pushcfunction(L, lua_metric);
    lua_setfield(L, -2, "metric");
}

static void open_libraries(lua_State *L)
{
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    lua_pop(L, 4);
    guard_string_library(L);
}

/* ---- reading fields ---------------------------------------------------- */

typedef struct part {
    int index;             /* stack index of the table */
    int line;
    char owner[GB_TEXT_LEN];
} part;

static void check_known_fields(lua_State *L, const part *p, const char *const *known)
{
    lua_pushnil(L);
    while (lua_next(L, p->index)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            fail_at(L, p->line, p->owner, "has a key that is not a field name");
        const char *key = lua_tostring(L, -1);
        int ok = key[0] == '_' && key[1] == '_';
        for (int i = 0; !ok && known[i]; i++)
            ok = strcmp(key, known[i]) == 0;
        if (!ok)
            fail_at(L, p->line, p->owner, "unknown field '%s'", key);
    }
}

/* Pushes field `name` and returns 1, checking its type; returns 0 and
 * pushes nothing when it is nil and optional. */
static int push_field(lua_State *L, const part *p, const char *name, int type, int required)
{
    int got = lua_getfield(L, p->index, name);
    if (got == LUA_TNIL && !required) {
        lua_pop(L, 1);
        return 0;
    }
    if (got == LUA_TNIL)
        fail_at(L, p->line, p->owner, "missing field '%s'", name);
    if (got != type)
        fail_at(L, p->line, p->owner, "field '%s' must be a %s, not %s", name,
                lua_typename(L, type), lua_typename(L, got));
    return 1;
}

static void read_string(lua_State *L, const part *p, const char *name, int required, char *dst,
                        size_t cap)
{
    if (!push_field(L, p, name, LUA_TSTRING, required))
        return;
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    if (len >= cap)
        fail_at(L, p->line, p->owner, "field '%s' is longer than %d bytes", name, (int)cap - 1);
    if (required && len == 0)
        fail_at(L, p->line, p->owner, "field '%s' is empty", name);
    memcpy(dst, s, len + 1);
    lua_pop(L, 1);
}

static double read_number(lua_State *L, const part *p, const char *name, double fallback)
{
    if (!push_field(L, p, name, LUA_TNUMBER, 0))
        return fallback;
    double v = lua_tonumber(L, -1);
    lua_pop(L, 1);
    if (v < 0)
        fail_at(L, p->line, p->owner, "field '%s' must not be negative", name);
    return v;
}

static int read_flag(lua_State *L, const part *p, const char *name)
{
    if (!push_field(L, p, name, LUA_TBOOLEAN, 0))
        return 0;
    int v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

static int64_t to_integer(lua_State *L, const part *p, const char *what)
{
    /* An integer subtype only: "1000" (a string) and 1e3 (a float) are refused. */
    int type = lua_type(L, -1);
    if (type == LUA_TNUMBER && !lua_isinteger(L, -1)) {
        char text[64];
        snprintf(text, sizeof text, "%.17g", lua_tonumber(L, -1));
        fail_at(L, p->line, p->owner, "field '%s' must be an integer, not a float %s", what, text);
    }
    if (type != LUA_TNUMBER)
        fail_at(L, p->line, p->owner, "field '%s' must be an integer, not a %s", what,
                lua_typename(L, type));
    return (int64_t)lua_tointeger(L, -1);
}

/* Array length of the table on top, checked to be a non-empty sequence. */
static int sequence_length(lua_State *L, const part *p, const char *name, int allow_empty)
{
    int n = (int)luaL_len(L, -1);
    if (n == 0 && !allow_empty)
        fail_at(L, p->line, p->owner, "field '%s' is an empty list", name);
    return n;
}

static int param_index(const gb_manifest *m, const char *name)
{
    for (int i = 0; i < m->param_count; i++)
        if (strcmp(m->params[i], name) == 0)
            return i;
    return -1;
}

/* { n = 1000, batch = 10 } -> bindings over the scenario's parameters. */
static void read_bindings(lua_State *L, const part *p, const char *name, gb_bindings *out)
{
    const gb_manifest *m = loader_of(L)->m;
    out->count = 0;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
        if (param_index(m, key) < 0)
            fail_at(L, p->line, p->owner, "field '%s' names '%s', which is not a parameter",
                    name, key);
        strcpy(out->names[out->count], key);
        out->values[out->count++] = to_integer(L, p, name);
        lua_pop(L, 1);
    }
}

/* at = "last" or at = { n = ... } */
static void read_at(lua_State *L, const part *p, int *at_last, gb_bindings *at)
{
    *at_last = 1;
    at->count = 0;
    int type = lua_getfield(L, p->index, "at");
    if (type == LUA_TTABLE) {
        *at_last = 0;
        read_bindings(L, p, "at", at);
    } else if (type != LUA_TNIL &&
               !(type == LUA_TSTRING && strcmp(lua_tostring(L, -1), "last") == 0)) {
        fail_at(L, p->line, p->owner, "field 'at' must be \"last\" or a table of parameters");
    }
    lua_pop(L, 1);
}

/* Opens entry i of the list on top as a part made by `kind` {}. */
static void open_part(lua_State *L, const part *list, const char *field, int i,
                      const char *kind, part *out)
{
    lua_geti(L, -1, i);
    if (!lua_istable(L, -1) || lua_getfield(L, -1, "__part") != LUA_TSTRING ||
        strcmp(lua_tostring(L, -1), kind) != 0)
        fail_at(L, list->line, list->owner, "entry %d of '%s' must be written %s { ... }", i,
                field, kind);
    lua_pop(L, 1);
    lua_getfield(L, -1, "__line");
    out->line = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    out->index = lua_gettop(L);
}

/* ---- the parts --------------------------------------------------------- */

static const char *const variant_fields[] = {"name", "label", "kind", "entry", "setup",
                                             "teardown", "style", "limit", "command",
                                             "memory_mb", "instructions", "expect_status", NULL};
static const char *const kind_names[GB_KIND_COUNT] = {"python", "c", "process"};
static const char *const styles[] = {"python", "builtin", "ext_item", "ext_batch", "ctypes",
                                     "c", "cached", "batched", "service", "library", "step",
                                     "other", NULL};

static int known_word(const char *word, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(word, words[i]) == 0)
            return 1;
    return 0;
}

static void read_kind(lua_State *L, part *p, gb_variant *v)
{
    char kind[GB_NAME_LEN];
    read_string(L, p, "kind", 1, kind, sizeof kind);
    for (int k = 0; k < GB_KIND_COUNT; k++)
        if (strcmp(kind, kind_names[k]) == 0) {
            v->kind = (gb_kind)k;
            return;
        }
    fail_at(L, p->line, p->owner,
            "field 'kind' must be \"python\", \"c\" or \"process\", not \"%s\"", kind);
}

/* command = { "{python}", "script.py", "{n}" }: a process variant's argv. */
static void read_command(lua_State *L, part *p, gb_variant *v)
{
    int has = push_field(L, p, "command", LUA_TTABLE, v->kind == GB_KIND_PROCESS);
    if (has && v->kind != GB_KIND_PROCESS)
        fail_at(L, p->line, p->owner, "only a process variant has a 'command'");
    if (!has)
        return;
    int n = sequence_length(L, p, "command", 0);
    if (n > GB_MAX_ARGS)
        fail_at(L, p->line, p->owner, "field 'command' has more than %d words", GB_MAX_ARGS);
    for (int i = 1; i <= n; i++) {
        if (lua_geti(L, -1, i) != LUA_TSTRING || lua_rawlen(L, -1) >= GB_TEXT_LEN)
            fail_at(L, p->line, p->owner, "entry %d of 'command' must be a short string", i);
        strcpy(v->argv[v->argc++], lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* memory_mb: an integer of at least MANIFEST_MIN_MEMORY_MB, else fallback. */
static int read_memory(lua_State *L, const part *p, int fallback)
{
    if (!push_field(L, p, "memory_mb", LUA_TNUMBER, 0))
        return fallback;
    int64_t mb = to_integer(L, p, "memory_mb");
    lua_pop(L, 1);
    if (mb < MANIFEST_MIN_MEMORY_MB || mb > (1 << 22))
        fail_at(L, p->line, p->owner, "field 'memory_mb' must be between %d and %d", MANIFEST_MIN_MEMORY_MB,
                1 << 22);
    return (int)mb;
}

/* "module:function": both halves present. */
static void check_entry(lua_State *L, const part *p, const char *field, const char *value)
{
    const char *colon = strchr(value, ':');
    if (value[0] && (!colon || colon == value || !colon[1] || strchr(colon + 1, ' ')))
        fail_at(L, p->line, p->owner, "field '%s' must be \"module:function\", not \"%s\"",
                field, value);
}

static void read_variant(lua_State *L, part *p, gb_variant *v)
{
    snprintf(p->owner, sizeof p->owner, "variant");
    v->line = p->line;
    check_known_fields(L, p, variant_fields);
    read_string(L, p, "name", 1, v->name, sizeof v->name);
    snprintf(p->owner, sizeof p->owner, "variant '%s'", v->name);
    read_string(L, p, "label", 1, v->label, sizeof v->label);
    read_kind(L, p, v);
    read_command(L, p, v);
    read_string(L, p, "entry", v->kind != GB_KIND_PROCESS, v->entry, sizeof v->entry);
    read_string(L, p, "setup", 0, v->setup, sizeof v->setup);
    read_string(L, p, "teardown", 0, v->teardown, sizeof v->teardown);
    check_entry(L, p, "entry", v->entry);
    check_entry(L, p, "setup", v->setup);
    check_entry(L, p, "teardown", v->teardown);
    if (v->kind != GB_KIND_PYTHON && (v->setup[0] || v->teardown[0]))
        fail_at(L, p->line, p->owner, "only a python variant has 'setup' or 'teardown'");
    if (!v->setup[0] && v->kind == GB_KIND_PYTHON)
        snprintf(v->setup, sizeof v->setup, "%.*s:make_input",
                 (int)(strchr(v->entry, ':') - v->entry), v->entry);
    strcpy(v->style, v->kind == GB_KIND_C ? "c" : v->kind == GB_KIND_PROCESS ? "other" : "python");
    read_string(L, p, "style", 0, v->style, sizeof v->style);
    if (!known_word(v->style, styles))
        fail_at(L, p->line, p->owner, "field 'style' names an unknown style \"%s\"", v->style);
    if (push_field(L, p, "limit", LUA_TTABLE, 0)) {
        read_bindings(L, p, "limit", &v->limit);
        lua_pop(L, 1);
    }
    v->memory_mb = read_memory(L, p, 0);
    read_string(L, p, "instructions", 0, v->no_instructions, sizeof v->no_instructions);
    read_string(L, p, "expect_status", 0, v->expect_status, sizeof v->expect_status);
    if (v->expect_status[0] && strcmp(v->expect_status, "oom") && strcmp(v->expect_status, "timeout") &&
        strcmp(v->expect_status, "error"))
        fail_at(L, p->line, p->owner, "field 'expect_status' must be \"oom\", \"timeout\" or \"error\"");
}

static const char *const chart_fields[] = {"id", "type", "x", "y", "title", "caption", "logx",
                                           "logy", "at", "variants", NULL};
/* A built-in measure (core/measures.h) or one of the scenario's metrics. */
static int known_measure(const gb_manifest *m, const char *name)
{
    return measures_find(name) != NULL || manifest_metric(m, name) != NULL;
}

/* chart.variants: a list of variant names (checked once all are read). */
static void read_chart_variants(lua_State *L, part *p, gb_chart *c)
{
    if (!push_field(L, p, "variants", LUA_TTABLE, 0))
        return;
    int n = sequence_length(L, p, "variants", 0);
    if (n > 16)
        fail_at(L, p->line, p->owner, "field 'variants' lists more than 16 variants");
    for (int i = 1; i <= n; i++) {
        if (lua_geti(L, -1, i) != LUA_TSTRING || lua_rawlen(L, -1) >= GB_NAME_LEN)
            fail_at(L, p->line, p->owner, "entry %d of 'variants' must be a variant name", i);
        strcpy(c->only[c->only_count++], lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static void read_chart(lua_State *L, part *p, gb_chart *c)
{
    const gb_manifest *m = loader_of(L)->m;
    snprintf(p->owner, sizeof p->owner, "chart");
    c->line = p->line;
    check_known_fields(L, p, chart_fields);
    read_string(L, p, "id", 1, c->id, sizeof c->id);
    snprintf(p->owner, sizeof p->owner, "chart '%s'", c->id);
    read_string(L, p, "type", 1, c->type, sizeof c->type);
    read_string(L, p, "x", 0, c->x, sizeof c->x);
    read_string(L, p, "y", 1, c->y, sizeof c->y);
    read_string(L, p, "title", 1, c->title, sizeof c->title);
    read_string(L, p, "caption", 0, c->caption, sizeof c->caption);
    c->logx = read_flag(L, p, "logx");
    c->logy = read_flag(L, p, "logy");
    read_at(L, p, &c->at_last, &c->at);
    read_chart_variants(L, p, c);
    for (int i = 0; i < c->only_count; i++)
        if (!manifest_variant(m, c->only[i]))
            fail_at(L, p->line, p->owner, "field 'variants' names no variant: '%s'", c->only[i]);
    if (c->x[0] && param_index(m, c->x) < 0 && !known_measure(m, c->x))
        fail_at(L, p->line, p->owner, "field 'x' must name a parameter or a metric, not \"%s\"",
                c->x);
    if (!known_measure(m, c->y))
        fail_at(L, p->line, p->owner, "field 'y' names an unknown metric \"%s\"", c->y);
    for (const char *s = c->type; *s; s++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
            fail_at(L, p->line, p->owner, "field 'type' must be a plain script name");
}

static const char *const finding_fields[] = {"variant", "faster", "than", "why", "at", "y",
                                             "expect", "at_least", "below", "between", NULL};
static const char *const expect_names[GB_EXPECT_COUNT] = {"", "faster", "slower", "same",
                                                          "lower", "higher"};

/* A bound on the factor: a positive number, or NAN when absent. */
static double read_bound(lua_State *L, const part *p, const char *name)
{
    if (!push_field(L, p, name, LUA_TNUMBER, 0))
        return NAN;
    double v = lua_tonumber(L, -1);
    lua_pop(L, 1);
    if (!(v > 0) || !isfinite(v))
        fail_at(L, p->line, p->owner, "field '%s' must be a positive number", name);
    return v;
}

static void read_between(lua_State *L, const part *p, gb_finding *f)
{
    f->between_lo = f->between_hi = NAN;
    if (!push_field(L, p, "between", LUA_TTABLE, 0))
        return;
    if (luaL_len(L, -1) != 2 || lua_geti(L, -1, 1) != LUA_TNUMBER ||
        lua_geti(L, -2, 2) != LUA_TNUMBER)
        fail_at(L, p->line, p->owner, "field 'between' must be {lo, hi}");
    f->between_lo = lua_tonumber(L, -2);
    f->between_hi = lua_tonumber(L, -1);
    lua_pop(L, 3);
    if (!(f->between_lo > 0 && f->between_lo < f->between_hi && isfinite(f->between_hi)))
        fail_at(L, p->line, p->owner, "field 'between' must be {lo, hi} with 0 < lo < hi");
}

static void read_expect(lua_State *L, const part *p, gb_finding *f)
{
    char word[GB_NAME_LEN] = "";
    read_string(L, p, "expect", 0, word, sizeof word);
    f->expect = GB_EXPECT_NONE;
    for (int i = 1; word[0] && i < GB_EXPECT_COUNT; i++)
        if (strcmp(word, expect_names[i]) == 0)
            f->expect = (gb_expect)i;
    if (word[0] && f->expect == GB_EXPECT_NONE)
        fail_at(L, p->line, p->owner,
                "field 'expect' must be \"faster\", \"slower\", \"same\", \"lower\" or \"higher\"");
    f->at_least = read_bound(L, p, "at_least");
    f->below = read_bound(L, p, "below");
    read_between(L, p, f);
    int bounded = !isnan(f->at_least) || !isnan(f->below) || !isnan(f->between_lo);
    if (bounded && (f->expect == GB_EXPECT_NONE || f->expect == GB_EXPECT_SAME))
        fail_at(L, p->line, p->owner, "bounds need 'expect' of a direction (faster, slower, lower, higher)");
    if (!isnan(f->between_lo) && (!isnan(f->at_least) || !isnan(f->below)))
        fail_at(L, p->line, p->owner, "'between' replaces 'at_least' and 'below'");
}

static void read_finding(lua_State *L, part *p, gb_finding *f)
{
    const gb_manifest *m = loader_of(L)->m;
    snprintf(p->owner, sizeof p->owner, "finding");
    f->line = p->line;
    check_known_fields(L, p, finding_fields);
    /* `faster = X` is the old spelling of `variant = X`. */
    read_string(L, p, "faster", 0, f->variant, sizeof f->variant);
    read_string(L, p, "variant", !f->variant[0], f->variant, sizeof f->variant);
    read_string(L, p, "than", 1, f->than, sizeof f->than);
    read_string(L, p, "why", 0, f->why, sizeof f->why);
    read_at(L, p, &f->at_last, &f->at);
    snprintf(f->y, sizeof f->y, "ns_per_call");
    read_string(L, p, "y", 0, f->y, sizeof f->y);
    const gb_measure *ms = measures_find(f->y);
    if (!manifest_metric(m, f->y) && !(ms && ms->sample >= 0) && strcmp(f->y, "instr_per_call"))
        fail_at(L, p->line, p->owner, "field 'y' must name a metric of the scenario or one of "
                "ns_per_call, ms_per_call, gc_ms, gc_max_ms, cpu_ms, cpu_share, instr_per_call");
    read_expect(L, p, f);
    if (!manifest_variant(m, f->variant) || !manifest_variant(m, f->than))
        fail_at(L, p->line, p->owner, "names a variant that the scenario does not have ('%s' or '%s')",
                f->variant, f->than);
}

/* metric { name = ..., label = ..., unit = ..., better = "lower"|"higher" } */
static void read_metric(lua_State *L, part *p, gb_metric *g)
{
    static const char *const fields[] = {"name", "label", "unit", "better", NULL};
    char better[GB_NAME_LEN] = "lower";
    snprintf(p->owner, sizeof p->owner, "metric");
    check_known_fields(L, p, fields);
    read_string(L, p, "name", 1, g->name, sizeof g->name);
    snprintf(p->owner, sizeof p->owner, "metric '%s'", g->name);
    read_string(L, p, "label", 1, g->label, sizeof g->label);
    read_string(L, p, "unit", 0, g->unit, sizeof g->unit);
    read_string(L, p, "better", 0, better, sizeof better);
    if (strcmp(better, "lower") && strcmp(better, "higher"))
        fail_at(L, p->line, p->owner, "field 'better' must be \"lower\" or \"higher\"");
    g->higher_is_better = strcmp(better, "higher") == 0;
    for (const char *c = g->name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
            fail_at(L, p->line, p->owner, "a metric name is lowercase letters, digits and '_'");
    if (measures_find(g->name))
        fail_at(L, p->line, p->owner, "'%s' is a built-in measure; choose another name", g->name);
}

/* Reads list field `field` of parts made by `kind`{}, calling `read` on each. */
static int read_parts(lua_State *L, part *scen, const char *field, const char *kind,
                      size_t size, void **out, int required,
                      void (*read)(lua_State *, part *, void *))
{
    if (!push_field(L, scen, field, LUA_TTABLE, required))
        return 0;
    int n = sequence_length(L, scen, field, !required);
    if (n > MANIFEST_MAX_PARTS)
        fail_at(L, scen->line, scen->owner, "field '%s' has more than %d entries", field,
                MANIFEST_MAX_PARTS);
    char *items = calloc((size_t)(n ? n : 1), size);
    if (!items)
        fail_at(L, scen->line, scen->owner, "out of memory");
    *out = items;
    for (int i = 1; i <= n; i++) {
        part p = {0, 0, ""};
        open_part(L, scen, field, i, kind, &p);
        read(L, &p, items + (size_t)(i - 1) * size);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return n;
}

static void read_variant_v(lua_State *L, part *p, void *v) { read_variant(L, p, v); }
static void read_chart_v(lua_State *L, part *p, void *c) { read_chart(L, p, c); }
static void read_finding_v(lua_State *L, part *p, void *f) { read_finding(L, p, f); }
static void read_metric_v(lua_State *L, part *p, void *g) { read_metric(L, p, g); }

/* ---- the scenario ------------------------------------------------------ */

static void read_params(lua_State *L, part *p, gb_manifest *m)
{
    if (!push_field(L, p, "params", LUA_TTABLE, 1))
        return;
    int n = sequence_length(L, p, "params", 1);
    if (n > GB_MAX_PARAMS)
        fail_at(L, p->line, p->owner, "more than %d parameters", GB_MAX_PARAMS);
    for (int i = 1; i <= n; i++) {
        if (lua_geti(L, -1, i) != LUA_TSTRING || lua_rawlen(L, -1) >= GB_PARAM_NAME_LEN ||
            lua_rawlen(L, -1) == 0)
            fail_at(L, p->line, p->owner, "entry %d of 'params' must be a name of 1 to %d bytes", i,
                    GB_PARAM_NAME_LEN - 1);
        if (param_index(m, lua_tostring(L, -1)) >= 0)
            fail_at(L, p->line, p->owner, "parameter '%s' is listed twice", lua_tostring(L, -1));
        strcpy(m->params[m->param_count++], lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* sweep.<profile>: { param = { values... }, ... } with the table on top. */
static void read_profile(lua_State *L, part *p, gb_manifest *m, gb_sweep *s, const char *prof)
{
    char field[GB_NAME_LEN * 2];
    for (int i = 0; i < m->param_count; i++) {
        snprintf(field, sizeof field, "sweep.%s.%s", prof, m->params[i]);
        if (lua_getfield(L, -1, m->params[i]) != LUA_TTABLE)
            fail_at(L, p->line, p->owner, "field '%s' must be a list of integers", field);
        int n = sequence_length(L, p, field, 0);
        s->counts[i] = n;
        s->values[i] = malloc((size_t)n * sizeof(int64_t));
        if (!s->values[i])
            fail_at(L, p->line, p->owner, "out of memory");
        int64_t least = (m->zero_ok >> i) & 1 ? 0 : 1;
        for (int k = 1; k <= n; k++) {
            lua_geti(L, -1, k);
            s->values[i][k - 1] = to_integer(L, p, field);
            if (s->values[i][k - 1] < least)
                fail_at(L, p->line, p->owner, "field '%s' has %lld: values must be %s", field,
                        (long long)s->values[i][k - 1],
                        least ? "at least 1 (list the parameter in 'may_be_zero' to allow 0)"
                              : "at least 0");
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING || param_index(m, lua_tostring(L, -1)) < 0)
            fail_at(L, p->line, p->owner, "sweep.%s sets '%s', which is not in 'params'", prof,
                    lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?");
    }
}

static void read_sweep(lua_State *L, part *p, gb_manifest *m)
{
    push_field(L, p, "sweep", LUA_TTABLE, 1);
    for (int prof = 0; prof < GB_PROFILE_COUNT; prof++) {
        int type = lua_getfield(L, -1, profile_names[prof]);
        if (type == LUA_TNIL && prof == GB_PROFILE_FULL) {
            lua_pop(L, 1);
            lua_getfield(L, -1, "quick"); /* full defaults to quick */
            type = lua_type(L, -1);
        }
        if (type != LUA_TTABLE)
            fail_at(L, p->line, p->owner, "field 'sweep.%s' must be a table",
                    profile_names[prof]);
        read_profile(L, p, m, &m->sweeps[prof], profile_names[prof]);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* The items expression parses and names only parameters. */
static void check_items(lua_State *L, part *p, gb_manifest *m)
{
    gb_bindings ones = {.count = m->param_count};
    char why[GB_TEXT_LEN];
    int64_t value;
    for (int i = 0; i < m->param_count; i++) {
        strcpy(ones.names[i], m->params[i]);
        ones.values[i] = 1;
    }
    if (m->items[0] && items_eval(m->items, &ones, &value, why, sizeof why) != 0)
        fail_at(L, p->line, p->owner, "field 'items' (\"%s\"): %s", m->items, why);
}

/* The product of the sweep's lengths, in 64 bits, within GB_MAX_POINTS. */
static void check_point_counts(lua_State *L, part *p, gb_manifest *m)
{
    for (int prof = 0; prof < GB_PROFILE_COUNT; prof++) {
        int64_t count = 1;
        for (int i = 0; i < m->param_count; i++) {
            count *= m->sweeps[prof].counts[i];
            if (count > GB_MAX_POINTS)
                fail_at(L, p->line, p->owner, "the %s sweep has more than %d points (the cap per "
                        "scenario and profile)", profile_names[prof], GB_MAX_POINTS);
        }
    }
}

/* may_be_zero = { "param", ... } */
static void read_zero_ok(lua_State *L, part *p, gb_manifest *m)
{
    if (!push_field(L, p, "may_be_zero", LUA_TTABLE, 0))
        return;
    int n = sequence_length(L, p, "may_be_zero", 0);
    for (int i = 1; i <= n; i++) {
        int k = lua_geti(L, -1, i) == LUA_TSTRING ? param_index(m, lua_tostring(L, -1)) : -1;
        if (k < 0)
            fail_at(L, p->line, p->owner, "entry %d of 'may_be_zero' must name a parameter", i);
        m->zero_ok |= 1u << k;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static void check_variants(lua_State *L, part *p, gb_manifest *m)
{
    for (int i = 0; i < m->variant_count; i++)
        for (int k = 0; k < i; k++)
            if (strcmp(m->variants[i].name, m->variants[k].name) == 0)
                fail_at(L, m->variants[i].line, "scenario",
                        "duplicate variant '%s' (first at line %d)", m->variants[i].name,
                        m->variants[k].line);
    if (!manifest_variant(m, m->baseline))
        fail_at(L, p->line, p->owner, "field 'baseline' names no variant: '%s'", m->baseline);
    check_items(L, p, m);
}

static const char *const scenario_fields[] = {"name", "title", "talk", "question", "about",
                                              "params", "items", "sweep", "baseline",
                                              "tolerance", "timeout", "variants", "charts",
                                              "findings", "metrics", "may_be_zero",
                                              "memory_mb", "instructions", "expect_status", NULL};

static void read_scenario(lua_State *L, gb_manifest *m)
{
    part p = {lua_gettop(L), 0, "scenario"};
    lua_getfield(L, p.index, "__line");
    p.line = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    check_known_fields(L, &p, scenario_fields);
    read_string(L, &p, "name", 1, m->name, sizeof m->name);
    read_string(L, &p, "title", 1, m->title, sizeof m->title);
    read_string(L, &p, "talk", 1, m->talk, sizeof m->talk);
    read_string(L, &p, "question", 1, m->question, sizeof m->question);
    read_string(L, &p, "about", 1, m->about, sizeof m->about);
    read_params(L, &p, m);
    read_string(L, &p, "items", 0, m->items, sizeof m->items);
    read_zero_ok(L, &p, m);
    read_sweep(L, &p, m);
    check_point_counts(L, &p, m);
    m->memory_mb = read_memory(L, &p, MANIFEST_DEFAULT_MEMORY_MB);
    read_string(L, &p, "instructions", 0, m->no_instructions, sizeof m->no_instructions);
    read_string(L, &p, "baseline", 1, m->baseline, sizeof m->baseline);
    m->tolerance = read_number(L, &p, "tolerance", MANIFEST_DEFAULT_TOLERANCE);
    m->timeout = read_number(L, &p, "timeout", MANIFEST_DEFAULT_TIMEOUT);
    m->variant_count = read_parts(L, &p, "variants", "variant", sizeof(gb_variant),
                                  (void **)&m->variants, 1, read_variant_v);
    check_variants(L, &p, m);
    m->metric_count = read_parts(L, &p, "metrics", "metric", sizeof(gb_metric),
                                 (void **)&m->metrics, 0, read_metric_v);
    if (m->metric_count > GB_MAX_METRICS)
        fail_at(L, p.line, p.owner, "more than %d metrics", GB_MAX_METRICS);
    for (int i = 0; i < m->metric_count; i++)
        for (int k = 0; k < i; k++)
            if (strcmp(m->metrics[i].name, m->metrics[k].name) == 0)
                fail_at(L, p.line, p.owner, "metric '%s' is declared twice", m->metrics[i].name);
    m->chart_count = read_parts(L, &p, "charts", "chart", sizeof(gb_chart),
                                (void **)&m->charts, 0, read_chart_v);
    m->finding_count = read_parts(L, &p, "findings", "finding", sizeof(gb_finding),
                                  (void **)&m->findings, 0, read_finding_v);
}

/* The file's base name without ".lua". */
static void expected_name(const char *path, char *out, size_t cap)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".lua") == 0)
        len -= 4;
    snprintf(out, cap, "%.*s", (int)len, base);
}

/* The protected body: load, run, read.  Upvalue-free; ctx via the allocator. */
static int load_protected(lua_State *L)
{
    loader *ld = loader_of(L);
    const char *source = lua_touserdata(L, 1);
    size_t len = (size_t)lua_tointeger(L, 2);
    char chunkname[GB_TEXT_LEN + 1];
    snprintf(chunkname, sizeof chunkname, "@%s", ld->path);
    open_libraries(L);
    if (luaL_loadbufferx(L, source, len, chunkname, "t") != LUA_OK)
        return lua_error(L);
    push_environment(L);
    lua_setupvalue(L, -2, 1);
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, MANIFEST_HOOK_EVERY);
    arm_timer(L, ld->seconds);
    lua_call(L, 0, 0);
    disarm_timer(ld->seconds);
    lua_sethook(L, NULL, 0, 0);
    if (lua_getfield(L, LUA_REGISTRYINDEX, "gb_scenario") != LUA_TTABLE)
        return luaL_error(L, "%s: the manifest never calls scenario { ... }", ld->path);
    read_scenario(L, ld->m);
    char want[GB_NAME_LEN];
    expected_name(ld->path, want, sizeof want);
    if (strcmp(want, ld->m->name) != 0)
        return luaL_error(L, "%s: scenario name '%s' does not match the file name '%s'",
                          ld->path, ld->m->name, want);
    return 0;
}

/* The message of a failed protected call, always naming the file: Lua's
 * own errors for a binary chunk, a memory cap or error(x, 0) carry no
 * position. */
static void eval_error(lua_State *L, int status, const loader *ld, gb_error *err)
{
    size_t plen = strlen(ld->path);
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    if (status == LUA_ERRMEM)
        gb_fail(err, "%s: the manifest needs more than the %d MiB it may use", ld->path,
                (int)(ld->cap >> 20));
    else if (!msg)
        gb_fail(err, "%s: the manifest raised an error that is a %s, not a message", ld->path,
                luaL_typename(L, -1));
    else if (strncmp(msg, ld->path, plen) == 0 && msg[plen] == ':')
        gb_fail(err, "%s", msg);
    else
        gb_fail(err, "%s: %s", ld->path, msg);
}

int manifest_eval(const char *path, const char *source, size_t len, const manifest_limits *lim,
                  gb_manifest *out, gb_error *err)
{
    memset(out, 0, sizeof *out);
    snprintf(out->path, sizeof out->path, "%s", path);
    loader ld = {path, out, 0, lim->memory, lim->budget, lim->budget, lim->seconds};
    lua_State *L = lua_newstate(capped_alloc, &ld);
    if (!L)
        return gb_fail(err, "%s: cannot create a Lua state", path);
    lua_pushcfunction(L, load_protected);
    lua_pushlightuserdata(L, (void *)source);
    lua_pushinteger(L, (lua_Integer)len);
    int status = lua_pcall(L, 2, 0, 0);
    disarm_timer(ld.seconds);
    if (status != LUA_OK)
        eval_error(L, status, &ld, err);
    lua_close(L);
    if (status != LUA_OK)
        manifest_free(out);
    return status == LUA_OK ? 0 : -1;
}

/* The file's text (malloc'd), refused before reading when it is not a
 * regular file or is over MANIFEST_MAX_BYTES. */
static char *read_file(const char *path, size_t *len, gb_error *err)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    char *buf = NULL;
    if (!f) {
        gb_fail(err, "%s: cannot open the manifest: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode))
        gb_fail(err, "%s: the manifest is not a regular file", path);
    else if (st.st_size > MANIFEST_MAX_BYTES)
        gb_fail(err, "%s: the manifest is %lld bytes, over the cap of %d KiB", path,
                (long long)st.st_size, MANIFEST_MAX_BYTES >> 10);
    else if (!(buf = malloc((size_t)st.st_size + 1)))
        gb_fail(err, "%s: out of memory", path);
    else if ((*len = fread(buf, 1, (size_t)st.st_size + 1, f)) > (size_t)st.st_size ||
             ferror(f)) {
        gb_fail(err, "%s: cannot read the manifest (it changed while read?)", path);
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

int manifest_load(const char *path, gb_manifest *out, gb_error *err)
{
    memset(out, 0, sizeof *out);
    snprintf(out->path, sizeof out->path, "%s", path);
    size_t len = 0;
    char *source = read_file(path, &len, err);
    if (!source)
        return -1;
    int rc = manifest_isolated(path, source, len, out, err);
    free(source);
    return rc;
}

void manifest_free(gb_manifest *m)
{
    for (int prof = 0; prof < GB_PROFILE_COUNT; prof++)
        for (int i = 0; i < GB_MAX_PARAMS; i++)
            free(m->sweeps[prof].values[i]);
    free(m->variants);
    free(m->charts);
    free(m->findings);
    free(m->metrics);
    char path[GB_TEXT_LEN];
    memcpy(path, m->path, sizeof path);
    memset(m, 0, sizeof *m);
    memcpy(m->path, path, sizeof path);
}

int64_t manifest_point_count(const gb_manifest *m, gb_profile_id profile)
{
    int64_t count = 1;
    for (int i = 0; i < m->param_count; i++)
        count *= m->sweeps[profile].counts[i];
    return count;
}

void manifest_point(const gb_manifest *m, gb_profile_id profile, int64_t index, gb_bindings *out)
{
    const gb_sweep *s = &m->sweeps[profile];
    out->count = m->param_count;
    for (int i = m->param_count - 1; i >= 0; i--) {
        strcpy(out->names[i], m->params[i]);
        out->values[i] = s->values[i][index % s->counts[i]];
        index /= s->counts[i];
    }
}

const char *manifest_kind_name(gb_kind kind)
{
    return kind_names[kind];
}

const gb_variant *manifest_variant(const gb_manifest *m, const char *name)
{
    for (int i = 0; i < m->variant_count; i++)
        if (strcmp(m->variants[i].name, name) == 0)
            return &m->variants[i];
    return NULL;
}

static int64_t binding_value(const gb_bindings *b, const char *name, int *found)
{
    for (int i = 0; i < b->count; i++)
        if (strcmp(b->names[i], name) == 0) {
            *found = 1;
            return b->values[i];
        }
    *found = 0;
    return 0;
}

int manifest_variant_applies(const gb_variant *v, const gb_bindings *point)
{
    for (int i = 0; i < v->limit.count; i++) {
        int found;
        int64_t value = binding_value(point, v->limit.names[i], &found);
        if (found && value > v->limit.values[i])
            return 0;
    }
    return 1;
}

int manifest_style_index(const char *style)
{
    for (int i = 0; styles[i]; i++)
        if (strcmp(style, styles[i]) == 0)
            return i + 1;
    return 0;
}

int manifest_profile_parse(const char *name, gb_profile_id *out)
{
    for (int i = 0; i < GB_PROFILE_COUNT; i++)
        if (strcmp(name, profile_names[i]) == 0) {
            *out = (gb_profile_id)i;
            return 0;
        }
    return -1;
}

const char *manifest_profile_name(gb_profile_id profile)
{
    return profile_names[profile];
}

int64_t manifest_items(const gb_manifest *m, const gb_bindings *point)
{
    int64_t value = 1;
    char why[GB_TEXT_LEN];
    if (m->items[0] && items_eval(m->items, point, &value, why, sizeof why) != 0)
        return 1;
    return value > 0 ? value : 1;
}

const gb_metric *manifest_metric(const gb_manifest *m, const char *name)
{
    for (int i = 0; i < m->metric_count; i++)
        if (strcmp(m->metrics[i].name, name) == 0)
            return &m->metrics[i];
    return NULL;
}

int manifest_memory_mb(const gb_manifest *m, const gb_variant *v)
{
    return v->memory_mb > 0 ? v->memory_mb : m->memory_mb;
}

const char *manifest_no_instructions(const gb_manifest *m, const gb_variant *v)
{
    if (v->no_instructions[0])
        return v->no_instructions;
    if (m->no_instructions[0])
        return m->no_instructions;
    if (v->kind == GB_KIND_PROCESS)
        return "a whole process per sample: start-up, not the work";
    return "";
}

const char *manifest_expect_name(gb_expect e)
{
    return e >= 0 && e < GB_EXPECT_COUNT ? expect_names[e] : "?";
}
