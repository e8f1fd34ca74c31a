// The floor of a process's start-up on this machine: a C++ program linked as drslint is (the same
// shared libraries) that prints one line. compare.sh times it beside `drslint FILE`, so that
// start-up is reported as what drslint adds, in the same run; a virtual machine whose page faults
// and exec cost milliseconds cannot hide or inflate it.
#include <iostream>

int main()
{
    std::cout << "0 files checked\n";
    return 0;
}
