#include "CEditLine.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

// What the editor uses of libedit 3.1, with the types <editline/readline.h> declares.
static struct {
  char *(*readline)(const char *prompt);
  int (*add_history)(const char *line);
  void (*stifle_history)(int max);
  const char **readline_name;
  const char **basic_word_break_characters;
  int *completion_append_character;
  ds_completer_fn *attempted_completion_function;
  char **line_buffer;
  int *attempted_completion_over;
} el;

const char *ds_el_open(void) {
  if (el.readline) return NULL;
  void *library = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
  if (!library) return dlerror();
  // Every name first, then the table: a library missing one leaves the editor unopened.
  __typeof__(el) found;
#define DS_EL_FIND(field, symbol) \
  if (!(found.field = (__typeof__(found.field))dlsym(library, symbol))) return dlerror();
  DS_EL_FIND(readline, "readline")
  DS_EL_FIND(add_history, "add_history")
  DS_EL_FIND(stifle_history, "stifle_history")
  DS_EL_FIND(readline_name, "rl_readline_name")
  DS_EL_FIND(basic_word_break_characters, "rl_basic_word_break_characters")
  DS_EL_FIND(completion_append_character, "rl_completion_append_character")
  DS_EL_FIND(attempted_completion_function, "rl_attempted_completion_function")
  DS_EL_FIND(line_buffer, "rl_line_buffer")
  DS_EL_FIND(attempted_completion_over, "rl_attempted_completion_over")
#undef DS_EL_FIND
  el = found;
  return NULL;
}

void ds_el_configure(const char *name, const char *word_breaks) {
  *el.readline_name = strdup(name);
  *el.basic_word_break_characters = strdup(word_breaks);
  *el.completion_append_character = '\0';
}

void ds_el_set_completer(ds_completer_fn f) { *el.attempted_completion_function = f; }

const char *ds_el_line_buffer(void) { return *el.line_buffer; }

void ds_el_completion_over(void) { *el.attempted_completion_over = 1; }

char *ds_el_readline(const char *prompt) { return el.readline(prompt); }

void ds_el_add_history(const char *line) { el.add_history(line); }

void ds_el_stifle_history(int max) { el.stifle_history(max); }
