"""dxtrack — monitoring and evaluation of national digital-transformation strategies."""

__version__ = "0.1.0"
