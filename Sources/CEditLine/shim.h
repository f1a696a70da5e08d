#ifndef DOCKSWEEP_CEDITLINE_SHIM_H
#define DOCKSWEEP_CEDITLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
#endif
