#include <stdio.h>
#include "storyline.h"
int main(void) { puts("storyline " SL_VERSION); return 0; }
