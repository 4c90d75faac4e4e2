"""English: the words of the red-flag concepts, the ConText modifiers and spelling."""
