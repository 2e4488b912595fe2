"""The LKE worksheet as versioned data files, with their loader and validator."""

from zi_core.lke.loader import LkeError, load_lke
from zi_core.lke.model import AnswerType, Lke, Part, Question

__all__ = ["AnswerType", "Lke", "LkeError", "Part", "Question", "load_lke"]
