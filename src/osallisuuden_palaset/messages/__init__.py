"""Every word a person sees: labels of fields, values and headings, in Finnish, English and Swedish.

Offers :mod:`.labels` (the model's field and value labels, ``label``) and
:mod:`.survey_words` (the words and sentences of survey reports).
"""
