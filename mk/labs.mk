# The labs of docs/labs/ (see docs/labs/README.md).
#   make lab N          write build/lab-N/: this tree with lab N's solutions replaced
#                       by their stubs (scripts/mklab.sh); LABDIR=DIR writes DIR instead
#   make grade          build, boot and score the labs' tests (scripts/grade.sh): in a
#                       student tree its own lab, in this tree all five
#   make grade LAB=N    only lab N
.PHONY: lab grade

# `make lab 3`: the 3 is a second goal; give it an empty rule so make does not look
# for a file named 3.
ifeq ($(firstword $(MAKECMDGOALS)),lab)
LAB_ARG := $(word 2,$(MAKECMDGOALS))
ifneq ($(LAB_ARG),)
$(LAB_ARG):
	@:
endif
endif

lab:
	@scripts/mklab.sh $(or $(LAB_ARG),$(LAB)) $(LABDIR)

grade: deps
	@scripts/grade.sh $(LAB)
