/* target_spin.c: runs until killed, calling tick() in a loop (attach tests of the target layer). */
volatile unsigned long ticks = 0;

void tick(void)
{
    ticks++;
}

int main(void)
{
    for (;;)
        tick();
}
