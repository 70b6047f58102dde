// A verification block sees the engine and the plots without importing them.
@_exported import Figures
@_exported import LossEngine
