#ifndef LUABRIDGE_CLUA_SHIM_H
#define LUABRIDGE_CLUA_SHIM_H

// The C side of LuaBridge. Everything that may raise a Lua error (longjmp)
// lives here, in C frames, so that no longjmp ever crosses a Swift frame.

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/// Calls a Swift function bound into Lua. Returns the number of results
/// pushed, or -1 when it pushed an error value that the caller must raise.
typedef int (*ds_dispatch_fn)(lua_State *L, void *box);
/// Releases one retained Swift object (a `__gc` of a userdata that carries it).
typedef void (*ds_release_fn)(void *box);

/// Per-state host data; it is the allocator's `ud`, so C code reaches it
/// from any `lua_State` of the same universe through `lua_getallocf`.
typedef struct ds_host {
  size_t used;                        // bytes allocated now
  size_t peak;                        // most bytes ever allocated
  size_t limit;                       // 0: no limit
  int enforcing;                      // limit applies only while Lua code runs, never in a Swift frame
  int over_limit;                     // an allocation passed the limit while not enforcing
  volatile sig_atomic_t interrupted;  // set by a signal handler; the hook raises "interrupted!"
  double deadline;                    // CLOCK_MONOTONIC seconds; 0: none
  int timed_out;                      // sticky once the deadline passed
  char timeout_message[256];          // what the timeout error says, set by the host
  ds_dispatch_fn dispatch;
  ds_release_fn release;
} ds_host;

static inline ds_host *ds_gethost(lua_State *L) {
  void *ud = NULL;
  lua_getallocf(L, &ud);
  return (ds_host *)ud;
}

static inline double ds_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/// The counting allocator. It refuses growth past `limit` only while
/// `enforcing`; inside a Swift frame a failure would longjmp through Swift,
/// so there it records `over_limit` and the trampoline raises afterwards.
static inline void *ds_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  ds_host *h = (ds_host *)ud;
  size_t old = ptr ? osize : 0;  // when ptr is NULL, osize is a type tag
  if (nsize == 0) {
    free(ptr);
    h->used -= old;
    return NULL;
  }
  if (h->limit && nsize > old && h->used - old + nsize > h->limit) {
    if (h->enforcing) return NULL;
    h->over_limit = 1;
  }
  void *p = realloc(ptr, nsize);
  if (p == NULL) return NULL;
  h->used = h->used - old + nsize;
  if (h->used > h->peak) h->peak = h->used;
  return p;
}

/// Allocates the host data and a state using it; NULL on failure.
static inline lua_State *ds_newstate(ds_host *h) {
  lua_State *L = lua_newstate(ds_alloc, h);
  return L;
}

/// lua.c's msghandler: turns a non-string error into its `__tostring` or a
/// type description, and appends a traceback. Leaves one string.
static inline int ds_msghandler(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
      lua_pushvalue(L, 1);  // an error object that prints itself: kept as it is, no traceback
      return 1;
    }
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

/// The count hook: raises "interrupted!" after a signal and a timeout
/// error after the deadline. A timeout is sticky: once tripped the hook
/// runs after every instruction, so `pcall` cannot swallow it.
static inline void ds_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  ds_host *h = ds_gethost(L);
  if (h->interrupted) {
    h->interrupted = 0;
    luaL_error(L, "interrupted!");
  }
  if (h->timed_out || (h->deadline > 0 && ds_now() > h->deadline)) {
    if (!h->timed_out) {
      h->timed_out = 1;
      lua_sethook(L, ds_hook, LUA_MASKCOUNT | LUA_MASKLINE, 1);
    }
    luaL_error(L, "%s", h->timeout_message[0] ? h->timeout_message : "timeout");
  }
}

/// Trips the time limit now: the hook raises the timeout error at the next instruction and after
/// every one from then on, as if it had found the deadline passed itself.
static inline void ds_expire(lua_State *L) {
  ds_gethost(L)->timed_out = 1;
  lua_sethook(L, ds_hook, LUA_MASKCOUNT | LUA_MASKLINE, 1);
}

/// The release of the Lua headers docksweep was built with, such as "Lua 5.4.4".
static inline const char *ds_lua_release(void) { return LUA_RELEASE; }

/// Installs the count hook on `L` (coroutines inherit it when created).
static inline void ds_installhook(lua_State *L) { lua_sethook(L, ds_hook, LUA_MASKCOUNT, 1000); }

/// A C function whose upvalue 1 is a userdata carrying a Swift closure.
/// Swift runs and returns; any error is raised here, after Swift returned.
static inline int ds_trampoline(lua_State *L) {
  ds_host *h = ds_gethost(L);
  void **box = (void **)lua_touserdata(L, lua_upvalueindex(1));
  int was = h->enforcing;
  h->enforcing = 0;
  int n = h->dispatch(L, *box);
  h->enforcing = was;
  if (n < 0) return lua_error(L);
  if (h->over_limit && was) {
    h->over_limit = 0;
    return luaL_error(L, "not enough memory");
  }
  return n;
}

/// `__gc` of every userdata that carries a retained Swift object.
static inline int ds_gc(lua_State *L) {
  void **box = (void **)lua_touserdata(L, 1);
  if (box && *box) {
    ds_gethost(L)->release(*box);
    *box = NULL;
  }
  return 0;
}

/// Pushes a userdata carrying `box` with the metatable `tname` (created
/// with a `__gc` if new). Call only from Swift frames (allocation cannot fail there).
static inline void ds_pushbox(lua_State *L, void *box, const char *tname) {
  void **p = (void **)lua_newuserdatauv(L, sizeof(void *), 0);
  *p = box;
  if (luaL_newmetatable(L, tname)) {
    lua_pushcfunction(L, ds_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
}

/// Pushes `ds_gc`, for the metatables of types that carry Swift objects.
static inline void ds_pushgcfunction(lua_State *L) { lua_pushcfunction(L, ds_gc); }

/// Pushes a Lua function that calls the Swift closure carried by `box`.
static inline void ds_pushswiftfunction(lua_State *L, void *box) {
  ds_pushbox(L, box, "luabridge.function");
  lua_pushcclosure(L, ds_trampoline, 1);
}

/// The retained Swift object in the userdata at `idx` if its metatable is
/// `tname`, else NULL.
static inline void *ds_toboxed(lua_State *L, int idx, const char *tname) {
  void **p = (void **)luaL_testudata(L, idx, tname);
  return p ? *p : NULL;
}

/// Runs `f` protected with the traceback handler, enforcing the memory limit
/// while Lua code runs. Same results as `lua_pcall`.
static inline int ds_pcall(lua_State *L, int nargs, int nresults, int traceback) {
  ds_host *h = ds_gethost(L);
  int base = lua_gettop(L) - nargs;  // the function's index
  if (traceback) {
    lua_pushcfunction(L, ds_msghandler);
    lua_insert(L, base);
  }
  int was = h->enforcing;
  h->enforcing = 1;
  h->over_limit = 0;
  int status = lua_pcallk(L, nargs, nresults, traceback ? base : 0, 0, NULL);
  h->enforcing = was;
  if (traceback) lua_remove(L, base);
  return status;
}

/// Compiles text (never binary) chunk `buff`; same results as `luaL_loadbufferx`.
static inline int ds_loadtext(lua_State *L, const char *buff, size_t sz, const char *name) {
  return luaL_loadbufferx(L, buff, sz, name, "t");
}

static inline int ds_luatostring(lua_State *L) {
  luaL_tolstring(L, 1, NULL);
  return 1;
}

/// Pushes a C function computing `tostring(arg1)`; call it through `ds_pcall`
/// because `__tostring` may raise.
static inline void ds_pushtostringfunction(lua_State *L) { lua_pushcfunction(L, ds_luatostring); }

// Macro stand-ins: Swift cannot call C macros.
static inline void ds_pop(lua_State *L, int n) { lua_pop(L, n); }                              // lua_pop
static inline void ds_newtable(lua_State *L) { lua_newtable(L); }                              // lua_newtable
static inline const char *ds_tostring(lua_State *L, int i) { return lua_tostring(L, i); }      // lua_tostring
static inline int ds_upvalueindex(int i) { return lua_upvalueindex(i); }                       // lua_upvalueindex
static inline int ds_isnoneornil(lua_State *L, int i) { return lua_isnoneornil(L, i); }        // lua_isnoneornil
static inline void ds_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }  // lua_pushcfunction
static inline void ds_remove(lua_State *L, int i) { lua_remove(L, i); }                        // lua_remove
static inline void ds_insert(lua_State *L, int i) { lua_insert(L, i); }                        // lua_insert
static inline void ds_replace(lua_State *L, int i) { lua_replace(L, i); }                      // lua_replace
static inline int ds_getmetatable_named(lua_State *L, const char *n) { return luaL_getmetatable(L, n); }  // luaL_getmetatable
static inline int ds_registryindex(void) { return LUA_REGISTRYINDEX; }                         // LUA_REGISTRYINDEX
static inline void ds_gccollect(lua_State *L) { lua_gc(L, LUA_GCCOLLECT, 0); }             // lua_gc is variadic
static inline int ds_gccountkb(lua_State *L) { return lua_gc(L, LUA_GCCOUNT, 0); }          // lua_gc is variadic
static inline lua_Integer ds_ridx_globals(void) { return LUA_RIDX_GLOBALS; }                    // LUA_RIDX_GLOBALS
static inline void ds_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }                // lua_pushglobaltable

#endif
